import type { Db } from '../db/open';
import type { Logger } from '../logger';
import type { ClusterNode } from './cluster-node';
import { z } from 'zod';

/**
 * A table kept the same on every node of a hall, row by row, by a natural key (a name, never a
 * node's own row id). Local changes are caught by temporary SQLite triggers, whatever code made
 * them; they are written to a Redis hash (which a node starting later reads) and announced to
 * the other nodes, which write them with the triggers silenced. Columns that are each node's own
 * business (last used, sliding expiry) are left out and never announced.
 */
export interface TableSpec {
  table: string;
  /** The natural key column (UNIQUE in the table). */
  key: string;
  /** Replicated columns, key included, as SELECT expressions named by their column. */
  select: Record<string, string>;
  /** Writes one shared row here (an upsert on the key); `row` was checked against `schema`. */
  upsert: (db: Db, row: Record<string, unknown>) => void;
  /** Columns whose UPDATE is announced. */
  watch: string[];
  schema: z.ZodType<Record<string, unknown>>;
  /** Only rows matching this SQL condition (on the table's columns) are shared. */
  only?: string;
}

export class ReplicatedTables {
  private applying = false;
  private readonly dirty = new Map<string, Set<string>>();
  private readonly gone = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly cluster: ClusterNode,
    private readonly specs: TableSpec[],
    private readonly log: Logger,
    /** Rows of `table` arrived from another node (to refresh what memory holds of them). */
    private readonly applied: (table: string, keys: string[]) => void = () => undefined,
  ) {}

  private redisKey(spec: TableSpec) {
    return `${this.cluster.hallKeys.tablePrefix}${spec.table}`;
  }

  async start(): Promise<void> {
    this.db.function('hallcue_row_changed', (table: unknown, key: unknown, removed: unknown) => {
      if (this.applying || typeof table !== 'string' || typeof key !== 'string') return null;
      const into = removed === 1 ? this.gone : this.dirty;
      const other = removed === 1 ? this.dirty : this.gone;
      if (!into.has(table)) into.set(table, new Set());
      into.get(table)!.add(key);
      other.get(table)?.delete(key);
      this.schedule();
      return null;
    });
    for (const spec of this.specs) {
      const { table, key, watch } = spec;
      const when = (row: 'NEW' | 'OLD') =>
        spec.only ? `WHEN ${spec.only.replace(/\$row\b/g, row)}` : '';
      this.db.exec(`
        CREATE TEMP TRIGGER IF NOT EXISTS hc_${table}_added AFTER INSERT ON main.${table}
          ${when('NEW')} BEGIN SELECT hallcue_row_changed('${table}', NEW.${key}, 0); END;
        CREATE TEMP TRIGGER IF NOT EXISTS hc_${table}_changed
          AFTER UPDATE OF ${watch.join(', ')} ON main.${table}
          ${when('NEW')} BEGIN SELECT hallcue_row_changed('${table}', NEW.${key}, 0); END;
        CREATE TEMP TRIGGER IF NOT EXISTS hc_${table}_removed AFTER DELETE ON main.${table}
          ${when('OLD')} BEGIN SELECT hallcue_row_changed('${table}', OLD.${key}, 1); END;
      `);
      const message = z.object({
        rows: z.array(spec.schema).max(10_000),
        removed: z.array(z.string().max(500)).max(10_000),
      });
      this.cluster.receive(`table:${table}`, message, ({ rows, removed }) =>
        this.apply(spec, rows, removed),
      );
    }
    await this.catchUp();
  }

  /** Takes what Redis holds, then offers Redis what only this node has (the first node seeds). */
  async catchUp(): Promise<void> {
    for (const spec of this.specs) {
      const stored = await this.cluster.redisClient.hGetAll(this.redisKey(spec));
      const rows: Record<string, unknown>[] = [];
      for (const text of Object.values(stored)) {
        const parsed = spec.schema.safeParse(JSON.parse(text));
        if (parsed.success) rows.push(parsed.data);
        else this.log.warn({ table: spec.table }, 'cluster: a stored row is malformed; ignored');
      }
      this.apply(spec, rows, []);
      const filter = spec.only ? `WHERE ${spec.only.replace(/\$row\./g, '')}` : '';
      const local = this.db
        .prepare(`SELECT ${spec.key} AS k FROM ${spec.table} ${filter}`)
        .all() as {
        k: string;
      }[];
      for (const { k } of local) {
        if (!(k in stored)) {
          if (!this.dirty.has(spec.table)) this.dirty.set(spec.table, new Set());
          this.dirty.get(spec.table)!.add(k);
        }
      }
    }
    await this.flush();
  }

  private schedule() {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((error: unknown) => {
        this.log.warn({ err: error }, 'cluster: changes not yet shared; retrying');
        setTimeout(() => this.schedule(), 1000);
      });
    }, 20);
  }

  private async flush(): Promise<void> {
    for (const spec of this.specs) {
      const keys = [...(this.dirty.get(spec.table) ?? [])];
      const removed = [...(this.gone.get(spec.table) ?? [])];
      if (keys.length === 0 && removed.length === 0) continue;
      this.dirty.delete(spec.table);
      this.gone.delete(spec.table);
      const columns = Object.entries(spec.select)
        .map(([name, expression]) => `${expression} AS ${name}`)
        .join(', ');
      const rows = this.db
        .prepare(
          `SELECT ${columns} FROM ${spec.table} WHERE ${spec.key} IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(keys)) as Record<string, unknown>[];
      try {
        const redis = this.cluster.redisClient;
        for (const row of rows) {
          await redis.hSet(this.redisKey(spec), String(row[spec.key]), JSON.stringify(row));
        }
        if (removed.length > 0) await redis.hDel(this.redisKey(spec), removed);
      } catch (error) {
        for (const key of keys) this.markDirty(this.dirty, spec.table, key);
        for (const key of removed) this.markDirty(this.gone, spec.table, key);
        throw error;
      }
      this.cluster.send(`table:${spec.table}`, { rows, removed });
    }
  }

  private markDirty(map: Map<string, Set<string>>, table: string, key: string) {
    if (!map.has(table)) map.set(table, new Set());
    map.get(table)!.add(key);
  }

  private apply(spec: TableSpec, rows: Record<string, unknown>[], removed: string[]) {
    this.applying = true;
    try {
      this.db.transaction(() => {
        for (const key of removed) {
          this.db.prepare(`DELETE FROM ${spec.table} WHERE ${spec.key} = ?`).run(key);
        }
        for (const row of rows) {
          try {
            spec.upsert(this.db, row);
          } catch (error) {
            // One row that cannot be written here (a name taken locally under another key)
            // must not stop the others.
            this.log.warn({ err: error, table: spec.table }, 'cluster: a shared row was refused');
          }
        }
      })();
    } finally {
      this.applying = false;
    }
    const keys = [...removed, ...rows.map((row) => String(row[spec.key]))];
    if (keys.length > 0) this.applied(spec.table, keys);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }
}

const text = (max = 500) => z.string().max(max);

/** Console accounts, API tokens and sessions: log in on any node, stay logged in on failover. */
export const ACCOUNT_TABLES: TableSpec[] = [
  {
    table: 'accounts',
    key: 'username',
    select: {
      username: 'username',
      role: 'role',
      passwordHash: 'password_hash',
      language: 'language',
      disabled: 'disabled',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
    watch: ['username', 'role', 'password_hash', 'language', 'disabled'],
    schema: z.object({
      username: text(100),
      role: z.enum(['operator', 'curator', 'administrator']),
      passwordHash: text(),
      language: text(20),
      disabled: z.number().int(),
      createdAt: z.number(),
      updatedAt: z.number(),
    }),
    upsert: (db, row) =>
      db
        .prepare(
          `INSERT INTO accounts (username, role, password_hash, language, disabled, created_at,
             updated_at)
           VALUES (@username, @role, @passwordHash, @language, @disabled, @createdAt, @updatedAt)
           ON CONFLICT (username) DO UPDATE SET role = excluded.role,
             password_hash = excluded.password_hash, language = excluded.language,
             disabled = excluded.disabled, updated_at = excluded.updated_at`,
        )
        .run(row),
  },
  {
    table: 'sessions',
    key: 'token_hash',
    select: {
      token_hash: 'token_hash',
      username: '(SELECT username FROM accounts WHERE id = account_id)',
      createdAt: 'created_at',
      expiresAt: 'expires_at',
      address: 'address',
    },
    // Sliding expiry moves last_used_at and expires_at on every request: each node keeps its own.
    watch: ['account_id'],
    schema: z.object({
      token_hash: text(200),
      username: text(100),
      createdAt: z.number(),
      expiresAt: z.number(),
      address: text(100).nullable(),
    }),
    upsert: (db, row) =>
      db
        .prepare(
          `INSERT INTO sessions (token_hash, account_id, created_at, last_used_at, expires_at,
             address)
           SELECT @token_hash, id, @createdAt, @createdAt, @expiresAt, @address FROM accounts
           WHERE username = @username
           ON CONFLICT (token_hash) DO NOTHING`,
        )
        .run(row),
  },
  {
    table: 'api_tokens',
    key: 'name',
    select: {
      name: 'name',
      role: 'role',
      tokenHash: 'token_hash',
      createdAt: 'created_at',
      createdBy: 'created_by',
      revokedAt: 'revoked_at',
    },
    watch: ['name', 'role', 'token_hash', 'revoked_at'],
    schema: z.object({
      name: text(100),
      role: z.enum(['operator', 'curator', 'administrator']),
      tokenHash: text(200),
      createdAt: z.number(),
      createdBy: text(200),
      revokedAt: z.number().nullable(),
    }),
    upsert: (db, row) =>
      db
        .prepare(
          `INSERT INTO api_tokens (name, role, token_hash, created_at, created_by, revoked_at)
           VALUES (@name, @role, @tokenHash, @createdAt, @createdBy, @revokedAt)
           ON CONFLICT (name) DO UPDATE SET role = excluded.role,
             token_hash = excluded.token_hash, revoked_at = excluded.revoked_at`,
        )
        .run(row),
  },
];

/**
 * The hall's settings that are the same on every node: keys on the console, the hall plan, the
 * visitor pages and the weekly programme (its runner's progress stays each node's own).
 */
export const SHARED_SETTINGS = ['console_keys', 'hall_plan', 'visitor_pages', 'programme'];

export const SETTINGS_TABLE: TableSpec = {
  table: 'settings',
  key: 'key',
  select: { key: 'key', value: 'value' },
  watch: ['value'],
  only: `$row.key IN (${SHARED_SETTINGS.map((key) => `'${key}'`).join(', ')})`,
  schema: z.object({
    key: z.enum(SHARED_SETTINGS as [string, ...string[]]),
    value: text(1_000_000),
  }),
  upsert: (db, row) =>
    db
      .prepare(
        `INSERT INTO settings (key, value) VALUES (@key, @value)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      )
      .run(row),
};
