import type { Db } from '../db/open';
import { approvedScreenZones } from '../db/screens-table';

/**
 * Each approved screen's zone, by id, read from SQLite again only after a write that can change
 * it. Every press asks who should present it before any screen is told (and a cluster node's
 * heartbeat asks too); in a hall of 2,000 screens each read took 1–2 ms, and a press made
 * several (bench:cluster, 2026-12-06).
 *
 * Writes on this connection are seen by temporary triggers: screens added, deleted, approved or
 * moved, and zones deleted (their screens go back to the hall). Writes by another connection to
 * the same file (a CLI) are seen by `PRAGMA data_version`. Inside a transaction nothing is kept,
 * since it may still roll back.
 */
class ApprovedZones {
  private cached: ReadonlyMap<string, string | null> | null = null;
  private seenVersion: unknown = null;
  private readonly dataVersion;

  constructor(private readonly db: Db) {
    this.dataVersion = db.prepare('PRAGMA data_version');
    db.function('hallcue_approved_zones_written', () => {
      this.cached = null;
      return null;
    });
    // Temporary: they belong to this connection, never to the file.
    db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS hc_approved_zones_added AFTER INSERT ON main.screens
        BEGIN SELECT hallcue_approved_zones_written(); END;
      CREATE TEMP TRIGGER IF NOT EXISTS hc_approved_zones_changed
        AFTER UPDATE OF id, approved, zone_id ON main.screens
        BEGIN SELECT hallcue_approved_zones_written(); END;
      CREATE TEMP TRIGGER IF NOT EXISTS hc_approved_zones_removed AFTER DELETE ON main.screens
        BEGIN SELECT hallcue_approved_zones_written(); END;
      CREATE TEMP TRIGGER IF NOT EXISTS hc_approved_zones_zone_removed AFTER DELETE ON main.zones
        BEGIN SELECT hallcue_approved_zones_written(); END;
    `);
  }

  get(): ReadonlyMap<string, string | null> {
    if (this.db.inTransaction) return approvedScreenZones(this.db);
    const version = (this.dataVersion.get() as { data_version: number }).data_version;
    if (this.cached === null || version !== this.seenVersion) {
      this.cached = approvedScreenZones(this.db);
      this.seenVersion = version;
    }
    return this.cached;
  }
}

const byDatabase = new WeakMap<Db, ApprovedZones>();

/** Each approved screen's zone (null for none), by id; do not change the map returned. */
export function approvedZones(db: Db): ReadonlyMap<string, string | null> {
  let zones = byDatabase.get(db);
  if (!zones) {
    zones = new ApprovedZones(db);
    byDatabase.set(db, zones);
  }
  return zones.get();
}
