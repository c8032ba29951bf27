import type { Manifest } from '../../../src-shared/manifest';
import type { Db } from './open';

export interface StoredFile {
  sha256: string;
  size: number;
  mime: string;
}

export interface PackVersionRow {
  id: number;
  packId: string;
  version: string;
  manifest: Manifest;
  importedAt: number;
}

interface RawPackVersion {
  id: number;
  pack_id: string;
  version: string;
  manifest: string;
  imported_at: number;
}

const toPackVersion = (r: RawPackVersion): PackVersionRow => ({
  id: r.id,
  packId: r.pack_id,
  version: r.version,
  manifest: JSON.parse(r.manifest) as Manifest,
  importedAt: r.imported_at,
});

export function findPackVersion(db: Db, packId: string, version: string) {
  const row = db
    .prepare('SELECT * FROM pack_versions WHERE pack_id = ? AND version = ?')
    .get(packId, version) as RawPackVersion | undefined;
  return row && toPackVersion(row);
}

export function getPackVersion(db: Db, id: number): PackVersionRow | undefined {
  const row = db.prepare('SELECT * FROM pack_versions WHERE id = ?').get(id) as
    RawPackVersion | undefined;
  return row && toPackVersion(row);
}

export function countPackVersions(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM pack_versions').get() as { n: number }).n;
}

/**
 * Records a pack version and its files. Call inside a transaction together with whatever else
 * must land atomically (the importer wraps this).
 */
export function insertPackVersion(
  db: Db,
  manifest: Manifest,
  files: ReadonlyMap<string, StoredFile>,
  at: number,
): number {
  db.prepare('INSERT OR IGNORE INTO packs (id, created_at) VALUES (?, ?)').run(manifest.id, at);
  const { lastInsertRowid } = db
    .prepare(
      'INSERT INTO pack_versions (pack_id, version, manifest, imported_at) VALUES (?, ?, ?, ?)',
    )
    .run(manifest.id, manifest.version, JSON.stringify(manifest), at);
  const versionId = Number(lastInsertRowid);
  const insertFile = db.prepare(
    'INSERT OR IGNORE INTO files (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)',
  );
  const link = db.prepare(
    'INSERT INTO pack_version_files (pack_version_id, path, sha256) VALUES (?, ?, ?)',
  );
  for (const [path, file] of files) {
    insertFile.run(file.sha256, file.size, file.mime, at);
    link.run(versionId, path, file.sha256);
  }
  return versionId;
}

/** Path -> stored file for one pack version. */
export function packVersionFiles(db: Db, versionId: number): Map<string, StoredFile> {
  const rows = db
    .prepare(
      `SELECT pvf.path, f.sha256, f.size, f.mime FROM pack_version_files pvf
       JOIN files f ON f.sha256 = pvf.sha256 WHERE pvf.pack_version_id = ?`,
    )
    .all(versionId) as { path: string; sha256: string; size: number; mime: string }[];
  return new Map(rows.map((r) => [r.path, { sha256: r.sha256, size: r.size, mime: r.mime }]));
}

export function getFile(db: Db, sha256: string): StoredFile | undefined {
  return db.prepare('SELECT sha256, size, mime FROM files WHERE sha256 = ?').get(sha256) as
    StoredFile | undefined;
}

/** Every file hash the database knows; the file store removes anything else at start-up. */
export function allFileHashes(db: Db): Set<string> {
  const rows = db.prepare('SELECT sha256 FROM files').all() as { sha256: string }[];
  return new Set(rows.map((r) => r.sha256));
}

/** Every pack version, newest import first. */
export function listPackVersions(db: Db): PackVersionRow[] {
  return (
    db.prepare('SELECT * FROM pack_versions ORDER BY pack_id, id DESC').all() as RawPackVersion[]
  ).map(toPackVersion);
}

export function deletePackVersionRows(db: Db, id: number): void {
  db.prepare('DELETE FROM pack_version_files WHERE pack_version_id = ?').run(id);
  db.prepare('DELETE FROM pack_versions WHERE id = ?').run(id);
  db.prepare('DELETE FROM packs WHERE id NOT IN (SELECT pack_id FROM pack_versions)').run();
}

/** Stored files no pack version refers to any more. */
export function unusedFiles(db: Db): string[] {
  return (
    db
      .prepare(
        'SELECT sha256 FROM files WHERE sha256 NOT IN (SELECT sha256 FROM pack_version_files)',
      )
      .all() as { sha256: string }[]
  ).map((r) => r.sha256);
}
