import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { isSha256 } from '../packs/file-store';
import { runningController } from '../running-marker';
import { HALLCUE_VERSION } from '../version';

export const BACKUP_FORMAT = 'hallcue-backup/1';
const DB_FILE = 'hallcue.db';
const MANIFEST = 'backup.json';

const backupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  hallcueVersion: z.string(),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  database: z.object({ file: z.literal(DB_FILE), sha256: z.string(), size: z.number() }),
  files: z.object({ count: z.number().int(), bytes: z.number() }),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

/** A refusal to back up or restore, with a message meant for the person at the terminal. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const storePath = (root: string, sha256: string) => join(root, 'files', sha256.slice(0, 2), sha256);

/** Copies `from` to `to`, returning the sha256 of what was copied (one read). */
async function copyHashed(from: string, to: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  await mkdir(dirname(to), { recursive: true });
  await pipeline(
    createReadStream(from),
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    }),
    createWriteStream(to, { flags: 'wx' }),
  );
  return { sha256: hash.digest('hex'), size };
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

function storedFiles(dbFile: string): { sha256: string; size: number }[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT sha256, size FROM files ORDER BY sha256').all() as {
      sha256: string;
      size: number;
    }[];
  } finally {
    db.close();
  }
}

export interface BackupResult {
  out: string;
  manifest: BackupManifest;
}

/**
 * Backs up a hall's data directory into the folder `out` (which must not exist yet), consistent
 * even while a controller is running: SQLite's online backup copies one point in time of the
 * database, then the pack files that copy refers to are copied and checked against their sha256
 * names. The folder is written under a temporary name and renamed when complete, so a folder
 * named `out` is always a whole backup.
 */
export async function backupHall(dataDir: string, out: string): Promise<BackupResult> {
  const source = resolve(dataDir);
  const target = resolve(out);
  const dbFile = join(source, DB_FILE);
  if (!existsSync(dbFile)) throw new BackupError(`no HallCue data in ${source} (no ${DB_FILE})`);
  if (existsSync(target)) throw new BackupError(`${target} already exists; choose a new name`);
  const partial = join(
    dirname(target),
    `.${basename(target)}.partial-${randomBytes(4).toString('hex')}`,
  );
  await mkdir(partial, { recursive: true });
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    let schemaVersion: number;
    try {
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
      await db.backup(join(partial, DB_FILE));
    } finally {
      db.close();
    }
    let bytes = 0;
    const files = storedFiles(join(partial, DB_FILE));
    for (const file of files) {
      const from = storePath(source, file.sha256);
      if (!existsSync(from)) {
        // Deleted after the database copy was taken (a pack version removed meanwhile).
        throw new BackupError(
          `pack file ${file.sha256} disappeared during the backup (a pack was deleted meanwhile?); run the backup again`,
        );
      }
      const copied = await copyHashed(from, storePath(partial, file.sha256));
      if (copied.sha256 !== file.sha256) {
        throw new BackupError(
          `pack file ${from} is damaged: its content hashes to ${copied.sha256}; the hall's store needs attention`,
        );
      }
      bytes += copied.size;
    }
    const dbStat = await stat(join(partial, DB_FILE));
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      hallcueVersion: HALLCUE_VERSION,
      createdAt: new Date().toISOString(),
      schemaVersion,
      database: {
        file: DB_FILE,
        sha256: await hashFile(join(partial, DB_FILE)),
        size: dbStat.size,
      },
      files: { count: files.length, bytes },
    };
    await writeFile(join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(partial, target);
    return { out: target, manifest };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Checks a backup completely: the manifest, the database's hash and integrity, and every pack
 * file the database refers to, by its sha256. Throws a BackupError naming every problem.
 */
export async function verifyBackup(from: string): Promise<BackupManifest> {
  const root = resolve(from);
  let manifest: BackupManifest;
  try {
    manifest = backupManifestSchema.parse(JSON.parse(await readFile(join(root, MANIFEST), 'utf8')));
  } catch (error) {
    throw new BackupError(
      `${root} is not a HallCue backup (${MANIFEST}: ${(error as Error).message.split('\n')[0]})`,
    );
  }
  const dbFile = join(root, DB_FILE);
  if (!existsSync(dbFile) || (await hashFile(dbFile)) !== manifest.database.sha256) {
    throw new BackupError(`${dbFile} is missing or does not match the hash in ${MANIFEST}`);
  }
  const problems: string[] = [];
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') problems.push(`database integrity check: ${String(check)}`);
  } finally {
    db.close();
  }
  const files = storedFiles(dbFile);
  for (const file of files) {
    const path = storePath(root, file.sha256);
    if (!isSha256(file.sha256)) problems.push(`database lists a file named ${file.sha256}`);
    else if (!existsSync(path)) problems.push(`missing pack file ${file.sha256}`);
    else if ((await hashFile(path)) !== file.sha256)
      problems.push(`pack file ${file.sha256} is damaged`);
    if (problems.length >= 20) break;
  }
  if (files.length !== manifest.files.count) {
    problems.push(`${MANIFEST} counts ${manifest.files.count} files, the database ${files.length}`);
  }
  if (problems.length > 0) {
    throw new BackupError(`the backup in ${root} failed verification:\n  ${problems.join('\n  ')}`);
  }
  return manifest;
}

export interface RestoreResult {
  dataDir: string;
  /** Where the data that was there before went (null when the directory held no hall). */
  previous: string | null;
  manifest: BackupManifest;
}

/**
 * Restores a backup into `dataDir`. Verifies the whole backup first; refuses a directory a
 * running controller serves, or one that already holds a hall, unless `force`. Nothing is ever
 * deleted: the data that was there is moved aside to `<dataDir>.before-restore-<time>`.
 */
export async function restoreHall(
  dataDir: string,
  from: string,
  options: { force?: boolean } = {},
): Promise<RestoreResult> {
  const target = resolve(dataDir);
  const running = runningController(target);
  if (running && !options.force) {
    throw new BackupError(
      `a controller (process ${running.pid}, port ${running.port}) is serving ${target}; stop it first, or pass --force`,
    );
  }
  const holdsHall = existsSync(join(target, DB_FILE));
  if (holdsHall && !options.force) {
    throw new BackupError(
      `${target} already holds a hall; pass --force to replace it (its data is kept beside it)`,
    );
  }
  const manifest = await verifyBackup(from);
  const root = resolve(from);
  const staging = `${target}.restoring-${randomBytes(4).toString('hex')}`;
  await mkdir(staging, { recursive: true });
  try {
    const db = await copyHashed(join(root, DB_FILE), join(staging, DB_FILE));
    if (db.sha256 !== manifest.database.sha256)
      throw new BackupError('database changed while copying');
    for (const file of storedFiles(join(staging, DB_FILE))) {
      const copied = await copyHashed(
        storePath(root, file.sha256),
        storePath(staging, file.sha256),
      );
      if (copied.sha256 !== file.sha256) {
        throw new BackupError(`pack file ${file.sha256} changed while copying`);
      }
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  let previous: string | null = null;
  if (existsSync(target)) {
    const entries = await readdir(target);
    if (entries.length > 0) {
      previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(target, previous);
    } else {
      await rm(target, { recursive: true });
    }
  }
  await rename(staging, target);
  return { dataDir: target, previous, manifest };
}
