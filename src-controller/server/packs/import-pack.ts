import { isDeepStrictEqual } from 'node:util';
import type { Manifest } from '../../../src-shared/manifest';
import { appendAudit } from '../db/audit-table';
import type { Db } from '../db/open';
import {
  findPackVersion,
  insertPackVersion,
  packVersionFiles,
  type StoredFile,
} from '../db/packs-table';
import type { FileStore } from './file-store';
import { checkContent, CONTENT_HEAD_BYTES, inspectPack, type PackReport } from './inspect-pack';
import { fileReferences } from './manifest-refs';
import { sniffMediaKind } from './media-kind';
import { PackError } from './pack-error';
import type { PackLimits } from './pack-limits';
import type { PackEntry, PackSource } from './pack-source';

export interface ImportProgress {
  phase: 'checking' | 'storing' | 'committing' | 'done';
  doneBytes: number;
  totalBytes: number;
}

export interface ImportedPack {
  packVersionId: number;
  manifest: Manifest;
  /** False when this exact version, with the same content, was already in the library. */
  added: boolean;
  report: PackReport;
  /** Bytes of files the store did not hold before: what screens will have to fetch. */
  newBytes: number;
}

export interface ImportOptions {
  limits: PackLimits;
  actor: string;
  now?: () => number;
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Imports a pack, all or nothing. Every check runs before anything is stored; files are then
 * streamed into the content-addressed store and the version is recorded in one transaction. If
 * anything fails, the files this import added are removed again (and a crash leaves only orphans
 * that the next start removes), so a refused pack leaves no trace.
 */
export async function importPack(
  db: Db,
  store: FileStore,
  source: PackSource,
  options: ImportOptions,
): Promise<ImportedPack> {
  const now = options.now ?? Date.now;
  // Structure and manifest first; each file's bytes are checked as it streams into the store
  // (one read instead of two), and any problem there still undoes the whole import.
  const report = await inspectPack(source, options.limits, { checkContent: false });
  const manifest = report.manifest;
  if (!manifest || report.problems.length > 0) {
    throw new PackError(source.label, report.problems, report);
  }
  const refsByPath = new Map(fileReferences(manifest).map((ref) => [ref.path, ref]));

  const totalBytes = report.files.reduce((sum, f) => sum + f.size, 0);
  let doneBytes = 0;
  let lastReport = 0;
  const progress = (phase: ImportProgress['phase']) =>
    options.onProgress?.({ phase, doneBytes, totalBytes });
  progress('storing');

  const added: string[] = [];
  try {
    const files = new Map<string, StoredFile>();
    const previous = latestFilesOf(db, manifest.id);
    let newBytes = 0;
    const storeOne = async (entry: PackEntry) => {
      let head: Buffer | null = null;
      const headChunks: Buffer[] = [];
      let headBytes = 0;
      const count = (chunk: Buffer) => {
        head ??= chunk.subarray(0, 512);
        if (headBytes < CONTENT_HEAD_BYTES) {
          headChunks.push(chunk.subarray(0, CONTENT_HEAD_BYTES - headBytes));
          headBytes += Math.min(chunk.length, CONTENT_HEAD_BYTES - headBytes);
        }
        doneBytes += chunk.length;
        if (doneBytes - lastReport > 8 * 1024 * 1024) {
          lastReport = doneBytes;
          progress('storing');
        }
      };
      // A new version usually repeats most files: hash those without writing them again.
      const before = previous.get(entry.path);
      if (before && before.size === entry.size && (await store.has(before.sha256))) {
        const sha256 = await store.hashStream(await source.open(entry.path), count);
        if (sha256 === before.sha256) {
          // Same bytes as a file that passed these checks before; its warnings still apply.
          const ref = refsByPath.get(entry.path);
          if (ref)
            checkContent(
              ref,
              Buffer.concat(headChunks),
              report.problems,
              report.warnings,
              entry.size,
            );
          files.set(entry.path, before);
          return;
        }
        doneBytes -= entry.size; // it changed after all: store it, counting its bytes once
        head = null;
        headChunks.length = 0;
        headBytes = 0;
      }
      const put = await store.putStream(await source.open(entry.path), count);
      const ref = refsByPath.get(entry.path);
      if (ref)
        checkContent(ref, Buffer.concat(headChunks), report.problems, report.warnings, entry.size);
      if (put.added) {
        added.push(put.sha256);
        newBytes += put.size;
      }
      const media = head ? sniffMediaKind(head) : null;
      files.set(entry.path, {
        sha256: put.sha256,
        size: put.size,
        mime: media?.mime ?? 'application/octet-stream',
      });
    };
    // Two files at a time: one is read and hashed while the other's writes drain to disk.
    await inPool(report.files, 2, storeOne);

    if (report.problems.length > 0) throw new PackError(source.label, report.problems, report);
    progress('committing');
    const existing = findPackVersion(db, manifest.id, manifest.version);
    if (existing) {
      const same =
        isDeepStrictEqual(existing.manifest, manifest) &&
        isDeepStrictEqual(sortedFiles(packVersionFiles(db, existing.id)), sortedFiles(files));
      if (!same) {
        throw new PackError(source.label, [
          {
            file: 'manifest.json',
            field: '/version',
            reason: `version ${manifest.version} of pack "${manifest.id}" is already in the library with different content; give this one a new version`,
          },
        ]);
      }
      progress('done');
      return { packVersionId: existing.id, manifest, added: false, report, newBytes: 0 };
    }
    const packVersionId = db.transaction(() => {
      const id = insertPackVersion(db, manifest, files, now());
      appendAudit(db, {
        at: now(),
        actor: options.actor,
        action: 'pack.import',
        detail: {
          packId: manifest.id,
          version: manifest.version,
          packVersionId: id,
          bytes: totalBytes,
        },
      });
      return id;
    })();
    progress('done');
    return { packVersionId, manifest, added: true, report, newBytes };
  } catch (error) {
    await Promise.all(added.map((sha) => store.remove(sha)));
    throw error;
  }
}

/**
 * Runs `work` over `items` with at most `size` in flight. After a failure no new item starts,
 * and it rejects only once every running item has finished, so the caller's clean-up sees
 * everything that was stored.
 */
async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (next < items.length && !failure) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}

/** Files of the most recently imported version of `packId`, by path. */
function latestFilesOf(db: Db, packId: string): Map<string, StoredFile> {
  const row = db
    .prepare('SELECT id FROM pack_versions WHERE pack_id = ? ORDER BY id DESC LIMIT 1')
    .get(packId) as { id: number } | undefined;
  return row ? packVersionFiles(db, row.id) : new Map();
}

const sortedFiles = (files: ReadonlyMap<string, StoredFile>) =>
  [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
