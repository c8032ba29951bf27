import type { ScreenSummary } from '../../../src-shared/protocol';
import type { Db } from '../db/open';
import { listScreens } from '../db/screens-table';
import { approvedZones } from './approved-zones';

interface LiveScreen {
  connections: number;
  address: string | null;
  shownRevision: number | null;
  shownThemeKey: string | null;
  held: ReadonlySet<string>;
  /** How far after its scheduled moment this screen showed the last change (ms). */
  lastLateMs: number | null;
}

/** Who is connected and what each screen last reported showing; the database holds the rest. */
export class ScreenRegistry {
  private readonly live = new Map<string, LiveScreen>();

  constructor(private readonly db: Db) {}

  connected(screenId: string, address: string | null): void {
    const entry = this.live.get(screenId);
    if (entry) {
      entry.connections++;
      entry.address = address;
    } else {
      this.live.set(screenId, {
        connections: 1,
        address,
        shownRevision: null,
        shownThemeKey: null,
        held: new Set(),
        lastLateMs: null,
      });
    }
  }

  disconnected(screenId: string): void {
    const entry = this.live.get(screenId);
    if (!entry) return;
    entry.connections--;
    if (entry.connections <= 0) this.live.delete(screenId);
  }

  presented(
    screenId: string,
    revision: number,
    themeKey: string | null,
    lateMs: number | null = null,
  ): void {
    const entry = this.live.get(screenId);
    if (!entry) return;
    entry.shownRevision = revision;
    entry.shownThemeKey = themeKey;
    entry.lastLateMs = lateMs;
  }

  holding(screenId: string, files: readonly string[]): void {
    const entry = this.live.get(screenId);
    if (entry) entry.held = new Set(files.map((sha256) => this.shared(sha256)));
  }

  /**
   * Every screen reports the same few hundred hashes, each parsed into a new string: keeping one
   * copy of each saves about 100 bytes per file per screen (a few MB in a big hall).
   */
  private readonly hashes = new Map<string, string>();
  private shared(sha256: string): string {
    const known = this.hashes.get(sha256);
    if (known !== undefined) return known;
    if (this.hashes.size < 100_000) this.hashes.set(sha256, sha256);
    return sha256;
  }

  /** For each theme, how many approved online screens hold all of its files. */
  armed(needed: ReadonlyMap<string, readonly { sha256: string }[]>) {
    const approved = approvedZones(this.db);
    const online = [...this.live].filter(([id]) => approved.has(id)).map(([, live]) => live);
    const result = new Map<string, { ready: number; total: number }>();
    for (const [key, files] of needed) {
      const ready = online.filter((live) => files.every((f) => live.held.has(f.sha256))).length;
      result.set(key, { ready, total: online.length });
    }
    return result;
  }

  /** Screens with at least one open connection, approved or not. */
  get onlineCount(): number {
    return this.live.size;
  }

  /** Approved screens connected now (of one zone, if given): those a press should reach. */
  /** Approved screens connected now, each with its zone (what a cluster node says it holds). */
  onlineApprovedZones(): [string, string | null][] {
    const approved = approvedZones(this.db);
    return [...this.live.keys()].flatMap((id): [string, string | null][] =>
      approved.has(id) ? [[id, approved.get(id) ?? null]] : [],
    );
  }

  onlineApproved(zone: string | null = null): string[] {
    const approved = approvedZones(this.db);
    return [...this.live.keys()].filter(
      (id) => approved.has(id) && (zone === null || approved.get(id) === zone),
    );
  }

  /** `neededFiles`: how many files a fully armed screen holds (every theme's). */
  summaries(neededFiles = 0): ScreenSummary[] {
    return listScreens(this.db).map((row) => {
      const live = this.live.get(row.id);
      return {
        id: row.id,
        name: row.name,
        role: row.role,
        approved: row.approved,
        online: live !== undefined,
        address: live?.address ?? row.lastAddress,
        shownRevision: live?.shownRevision ?? null,
        shownThemeKey: live?.shownThemeKey ?? null,
        lastSeenAt: row.lastSeenAt,
        heldFiles: live?.held.size ?? 0,
        neededFiles,
        lastLateMs: live?.lastLateMs ?? null,
        revokedAt: row.revokedAt,
        label: row.label,
        zoneId: row.zoneId,
        appVersion: row.appVersion,
        position: row.position,
      };
    });
  }
}
