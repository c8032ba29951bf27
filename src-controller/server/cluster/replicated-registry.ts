import { z } from 'zod';
import type { Db } from '../db/open';
import type { Logger } from '../logger';
import type { ClusterNode } from './cluster-node';

/**
 * The screens a hall knows (names, keys, approval, role, zone, place on the plan) and its zones,
 * the same on every node: a screen paired on one node is welcome on all of them when it fails
 * over, and a zone press made on one node means the same screens everywhere.
 *
 * Local changes are caught by temporary SQLite triggers (whatever code made them), written to
 * Redis (which a node starting later reads) and announced to the hall's other nodes, which write
 * them into their own SQLite with the triggers silenced. A screen is known by its name: if two
 * nodes paired the same name at once, the one Redis took first wins everywhere.
 */

const screenSchema = z.object({
  id: z.string().max(100),
  name: z.string().max(200),
  role: z.string().max(100),
  keyHash: z.string().max(200),
  approved: z.boolean(),
  createdAt: z.number(),
  pairingCode: z.string().max(20).nullable(),
  revokedAt: z.number().nullable(),
  label: z.string().max(500).nullable(),
  zoneId: z.string().max(100).nullable(),
  planX: z.number().nullable(),
  planY: z.number().nullable(),
});
type SharedScreen = z.infer<typeof screenSchema>;

const zoneSchema = z.object({
  id: z.string().max(100),
  name: z.string().max(200),
  position: z.number().int(),
  createdAt: z.number(),
});
const zonesSchema = z.array(zoneSchema).max(1000);

const screensMessage = z.object({ screens: z.array(screenSchema).max(5000) });

interface RawScreenIdentity {
  id: string;
  name: string;
  role: string;
  key_hash: string;
  approved: number;
  created_at: number;
  pairing_code: string | null;
  revoked_at: number | null;
  label: string | null;
  zone_id: string | null;
  plan_x: number | null;
  plan_y: number | null;
}

const IDENTITY_COLUMNS =
  'id, name, role, key_hash, approved, created_at, pairing_code, revoked_at, label, zone_id, plan_x, plan_y';

const toShared = (r: RawScreenIdentity): SharedScreen => ({
  id: r.id,
  name: r.name,
  role: r.role,
  keyHash: r.key_hash,
  approved: r.approved === 1,
  createdAt: r.created_at,
  pairingCode: r.pairing_code,
  revokedAt: r.revoked_at,
  label: r.label,
  zoneId: r.zone_id,
  planX: r.plan_x,
  planY: r.plan_y,
});

export interface RegistryHooks {
  /** A screen changed on another node; `before` is this node's row before (null: new). */
  screenChanged(
    screenId: string,
    before: { approved: boolean; role: string; zoneId: string | null } | null,
  ): void;
  /** Zones were added, renamed or removed on another node. */
  zonesChanged(removed: string[]): void;
}

export class ReplicatedRegistry {
  private applying = false;
  private readonly dirtyScreens = new Set<string>();
  private zonesDirty = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly screensKey: string;
  private readonly zonesKey: string;

  constructor(
    private readonly db: Db,
    private readonly cluster: ClusterNode,
    private readonly hooks: RegistryHooks,
    private readonly log: Logger,
  ) {
    this.screensKey = cluster.hallKeys.screens;
    this.zonesKey = cluster.hallKeys.zones;
  }

  async start(): Promise<void> {
    this.db.function('hallcue_screen_changed', (id: unknown) => {
      if (!this.applying && typeof id === 'string') this.dirtyScreens.add(id);
      this.schedule();
      return null;
    });
    this.db.function('hallcue_zones_changed', () => {
      if (!this.applying) this.zonesDirty = true;
      this.schedule();
      return null;
    });
    // Temporary: they belong to this connection, never to the file (a standalone start or a
    // backup of this database carries none of them).
    this.db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS hc_screen_added AFTER INSERT ON main.screens
        BEGIN SELECT hallcue_screen_changed(NEW.id); END;
      CREATE TEMP TRIGGER IF NOT EXISTS hc_screen_changed
        AFTER UPDATE OF name, role, key_hash, approved, pairing_code, revoked_at, label, zone_id,
          plan_x, plan_y ON main.screens
        BEGIN SELECT hallcue_screen_changed(NEW.id); END;
      CREATE TEMP TRIGGER IF NOT EXISTS hc_zone_added AFTER INSERT ON main.zones
        BEGIN SELECT hallcue_zones_changed(); END;
      CREATE TEMP TRIGGER IF NOT EXISTS hc_zone_changed AFTER UPDATE ON main.zones
        BEGIN SELECT hallcue_zones_changed(); END;
      CREATE TEMP TRIGGER IF NOT EXISTS hc_zone_removed AFTER DELETE ON main.zones
        BEGIN SELECT hallcue_zones_changed(); END;
    `);
    this.cluster.receive('registry:zones', zonesSchema, (zones) => this.applyZones(zones));
    this.cluster.receive('registry:screens', screensMessage, ({ screens }) => {
      for (const screen of screens) this.applyScreen(screen);
    });
    await this.catchUp();
  }

  /** Takes what Redis holds, then offers Redis what only this node has (the first node seeds). */
  async catchUp(): Promise<void> {
    const redis = this.cluster.redisClient;
    const zones = await redis.get(this.zonesKey);
    if (zones === null) this.zonesDirty = true;
    else {
      const parsed = zonesSchema.safeParse(JSON.parse(zones));
      if (parsed.success) this.applyZones(parsed.data);
      else this.log.warn({ key: this.zonesKey }, 'cluster: stored zones are malformed; ignored');
    }
    const stored = await redis.hGetAll(this.screensKey);
    for (const text of Object.values(stored)) {
      const parsed = screenSchema.safeParse(JSON.parse(text));
      if (parsed.success) this.applyScreen(parsed.data);
    }
    for (const row of this.rows()) if (!(row.name in stored)) this.dirtyScreens.add(row.id);
    await this.flush();
  }

  /** Shares what changed so far now, instead of in the next batch. */
  async shareNow(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Takes the row of screen `name` from Redis, if another node has paired it. */
  async lookUp(name: string): Promise<void> {
    const text = await this.cluster.redisClient.hGet(this.screensKey, name);
    if (text === null) return;
    const parsed = screenSchema.safeParse(JSON.parse(text));
    if (parsed.success) this.applyScreen(parsed.data);
  }

  private rows(ids?: readonly string[]): SharedScreen[] {
    const raw = ids
      ? (this.db
          .prepare(
            `SELECT ${IDENTITY_COLUMNS} FROM screens WHERE id IN (SELECT value FROM json_each(?))`,
          )
          .all(JSON.stringify(ids)) as RawScreenIdentity[])
      : (this.db.prepare(`SELECT ${IDENTITY_COLUMNS} FROM screens`).all() as RawScreenIdentity[]);
    return raw.map(toShared);
  }

  private schedule() {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((error: unknown) =>
        this.log.warn({ err: error }, 'cluster: screens and zones not yet shared; retrying'),
      );
    }, 20);
  }

  private async flush(): Promise<void> {
    const redis = this.cluster.redisClient;
    if (this.zonesDirty) {
      this.zonesDirty = false;
      const zones = this.db
        .prepare('SELECT id, name, position, created_at AS createdAt FROM zones')
        .all() as z.infer<typeof zoneSchema>[];
      try {
        await redis.set(this.zonesKey, JSON.stringify(zones));
      } catch (error) {
        this.zonesDirty = true;
        throw error;
      }
      this.cluster.send('registry:zones', zones);
    }
    if (this.dirtyScreens.size === 0) return;
    const ids = [...this.dirtyScreens];
    this.dirtyScreens.clear();
    const sent: SharedScreen[] = [];
    try {
      for (const row of this.rows(ids)) {
        // A new name is claimed with HSETNX: of two nodes pairing one name at once, one wins.
        const created = await redis.hSetNX(this.screensKey, row.name, JSON.stringify(row));
        if (!created) {
          const stored = screenSchema.safeParse(
            JSON.parse((await redis.hGet(this.screensKey, row.name)) ?? 'null'),
          );
          if (stored.success && stored.data.id !== row.id) {
            this.applyScreen(stored.data);
            continue;
          }
          await redis.hSet(this.screensKey, row.name, JSON.stringify(row));
        }
        sent.push(row);
      }
    } catch (error) {
      for (const id of ids) this.dirtyScreens.add(id);
      throw error;
    }
    if (sent.length > 0) this.cluster.send('registry:screens', { screens: sent });
  }

  private silently(write: () => void) {
    this.applying = true;
    try {
      this.db.transaction(write)();
    } finally {
      this.applying = false;
    }
  }

  private applyScreen(screen: SharedScreen) {
    const before = this.db
      .prepare('SELECT id, approved, role, zone_id FROM screens WHERE name = ? OR id = ?')
      .all(screen.name, screen.id) as {
      id: string;
      approved: number;
      role: string;
      zone_id: string | null;
    }[];
    const same = before.find((row) => row.id === screen.id);
    const zoneKnown =
      screen.zoneId !== null &&
      this.db.prepare('SELECT 1 FROM zones WHERE id = ?').get(screen.zoneId);
    this.silently(() => {
      // The name now belongs to the row Redis holds; a local row of that name under another id
      // lost the race and goes (its screen is identified again on its next connection).
      for (const row of before) {
        if (row.id !== screen.id) this.db.prepare('DELETE FROM screens WHERE id = ?').run(row.id);
      }
      this.db
        .prepare(
          `INSERT INTO screens (${IDENTITY_COLUMNS})
           VALUES (@id, @name, @role, @keyHash, @approved, @createdAt, @pairingCode, @revokedAt,
             @label, @zoneId, @planX, @planY)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role,
             key_hash = excluded.key_hash, approved = excluded.approved,
             pairing_code = excluded.pairing_code, revoked_at = excluded.revoked_at,
             label = excluded.label, zone_id = excluded.zone_id, plan_x = excluded.plan_x,
             plan_y = excluded.plan_y`,
        )
        .run({
          ...screen,
          approved: screen.approved ? 1 : 0,
          zoneId: zoneKnown ? screen.zoneId : null,
        });
    });
    for (const row of before) {
      if (row.id !== screen.id)
        this.hooks.screenChanged(row.id, {
          approved: row.approved === 1,
          role: row.role,
          zoneId: row.zone_id,
        });
    }
    this.hooks.screenChanged(
      screen.id,
      same ? { approved: same.approved === 1, role: same.role, zoneId: same.zone_id } : null,
    );
  }

  private applyZones(zones: z.infer<typeof zonesSchema>) {
    const local = this.db.prepare('SELECT id FROM zones').all() as { id: string }[];
    const keep = new Set(zones.map((zone) => zone.id));
    const removed = local.map((row) => row.id).filter((id) => !keep.has(id));
    this.silently(() => {
      for (const id of removed) this.db.prepare('DELETE FROM zones WHERE id = ?').run(id);
      // Names are unique: park renamed rows first so swapping two names cannot collide.
      for (const zone of zones) {
        this.db.prepare('UPDATE zones SET name = ? WHERE id = ?').run(`\u0000${zone.id}`, zone.id);
      }
      for (const zone of zones) {
        this.db
          .prepare(
            `INSERT INTO zones (id, name, position, created_at) VALUES (@id, @name, @position, @createdAt)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position`,
          )
          .run(zone);
      }
    });
    this.hooks.zonesChanged(removed);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }
}
