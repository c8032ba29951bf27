import { appendAudit } from '../db/audit-table';
import type { Db } from '../db/open';
import { readHallState } from '../db/hall-state-table';
import {
  getPackVersion,
  listPackVersions,
  unusedFiles,
  deletePackVersionRows,
} from '../db/packs-table';
import { getTheme, listThemes, setTheme } from '../db/themes-table';
import type { FileStore } from './file-store';

/** A library operation refused for a reason the curator can act on. */
export class LibraryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LibraryError';
  }
}

interface PublishDetail {
  key: string;
  packVersionId: number;
  previousPackVersionId: number | null;
}

/** The latest publish of one key, however many publishes other keys had since. */
function lastPublish(db: Db, key: string): PublishDetail | undefined {
  const row = db
    .prepare(
      `SELECT detail FROM audit_log WHERE action = 'theme.publish' AND json_extract(detail, '$.key') = ?
       ORDER BY id DESC LIMIT 1`,
    )
    .get(key) as { detail: string } | undefined;
  return row ? (JSON.parse(row.detail) as PublishDetail) : undefined;
}

/** Refuses anything but the theme keys 1 to 9. */
export function checkThemeKey(key: string): void {
  if (!/^[1-9]$/.test(key))
    throw new LibraryError(`theme key must be one of the digits 1 to 9, not "${key}"`);
}

/** Points theme `key` at a pack version; one action, one audit entry. */
export function publishTheme(
  db: Db,
  key: string,
  packVersionId: number,
  actor: string,
  now = Date.now(),
) {
  checkThemeKey(key);
  const version = getPackVersion(db, packVersionId);
  if (!version) throw new LibraryError(`no pack version with id ${packVersionId}`);
  db.transaction(() => {
    const previous = getTheme(db, key)?.packVersionId ?? null;
    setTheme(db, key, packVersionId, now);
    const detail: PublishDetail = { key, packVersionId, previousPackVersionId: previous };
    appendAudit(db, { at: now, actor, action: 'theme.publish', detail });
  })();
  return version;
}

/**
 * The version theme `key` would go back to on a rollback: the one it had before its latest
 * publish. Refuses with the reason when there is none.
 */
export function rollbackTarget(db: Db, key: string) {
  const last = lastPublish(db, key);
  if (!last) throw new LibraryError(`theme ${key} has never been published`);
  if (last.previousPackVersionId === null) {
    throw new LibraryError(`theme ${key} has no earlier version to roll back to`);
  }
  const target = getPackVersion(db, last.previousPackVersionId);
  if (!target) throw new LibraryError(`the version theme ${key} had before was deleted`);
  return target;
}

/**
 * Puts theme `key` back on the version it had before its latest publish. Rolling back twice
 * returns to where it started, like an undo that can be undone.
 */
export function rollbackTheme(db: Db, key: string, actor: string, now = Date.now()) {
  const target = rollbackTarget(db, key);
  recordRollback(db, key, target.id, actor, now);
  return target;
}

/** Points theme `key` at `packVersionId` as a rollback: the next rollback undoes this one. */
export function recordRollback(
  db: Db,
  key: string,
  packVersionId: number,
  actor: string,
  now = Date.now(),
) {
  db.transaction(() => {
    const previous = getTheme(db, key)?.packVersionId ?? null;
    setTheme(db, key, packVersionId, now);
    const detail = { key, packVersionId, previousPackVersionId: previous };
    appendAudit(db, { at: now, actor, action: 'theme.rollback', detail });
    // Recorded as a publish too, so the next rollback undoes this one.
    appendAudit(db, { at: now, actor, action: 'theme.publish', detail });
  })();
}

/** The version `packVersionId` if it may be deleted: no theme uses it and it is not on screen. */
export function checkDeletable(db: Db, packVersionId: number) {
  const version = getPackVersion(db, packVersionId);
  if (!version) throw new LibraryError(`no pack version with id ${packVersionId}`);
  const usedBy = listThemes(db)
    .filter((t) => t.packVersionId === packVersionId)
    .map((t) => t.key);
  if (usedBy.length > 0) {
    throw new LibraryError(
      `${version.packId} ${version.version} is used by theme ${usedBy.join(', ')}; publish another version there first`,
    );
  }
  if (readHallState(db).packVersionId === packVersionId) {
    throw new LibraryError(
      `${version.packId} ${version.version} is on screen now; switch the hall first`,
    );
  }
  const zone = db
    .prepare(
      'SELECT z.name FROM zone_themes t JOIN zones z ON z.id = t.zone_id WHERE t.pack_version_id = ?',
    )
    .get(packVersionId) as { name: string } | undefined;
  if (zone) {
    throw new LibraryError(
      `${version.packId} ${version.version} is on screen in zone ${zone.name} now; switch that zone first`,
    );
  }
  return version;
}

/**
 * Deletes a pack version no theme uses and nothing shows, then the files no other version needs.
 * Returns how many files were freed.
 */
export async function deletePackVersion(
  db: Db,
  store: FileStore,
  packVersionId: number,
  actor: string,
  now = Date.now(),
): Promise<number> {
  const version = checkDeletable(db, packVersionId);
  const freed = db.transaction(() => {
    deletePackVersionRows(db, packVersionId);
    const orphans = unusedFiles(db);
    db.prepare(`DELETE FROM files WHERE sha256 IN (SELECT value FROM json_each(?))`).run(
      JSON.stringify(orphans),
    );
    appendAudit(db, {
      at: now,
      actor,
      action: 'pack.delete',
      detail: {
        packId: version.packId,
        version: version.version,
        packVersionId,
        freedFiles: orphans.length,
      },
    });
    return orphans;
  })();
  // Files go after the commit: a crash in between leaves orphans, which the next start removes.
  await Promise.all(freed.map((sha) => store.remove(sha)));
  return freed.length;
}

export { listPackVersions };
