import { lstat, open, readFile, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { manifestSchema, referencedFiles, type Manifest } from '../../../src-shared/manifest';
import type { Db } from '../db/open';
import { findPackVersion, insertPackVersion, type StoredFile } from '../db/packs-table';
import type { FileStore } from './file-store';
import { sniffMediaKind, type MediaKind } from './media-kind';
import { PackError, type PackProblem } from './pack-error';

export interface ImportedPack {
  packVersionId: number;
  manifest: Manifest;
  /** False when this exact id and version was already in the library. */
  added: boolean;
}

/** Reads and validates `manifest.json` in `dir`; throws PackError naming every problem. */
export async function readManifest(dir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(dir, 'manifest.json'), 'utf8');
  } catch {
    throw new PackError(dir, [{ file: 'manifest.json', reason: 'missing at the pack root' }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PackError(dir, [
      { file: 'manifest.json', reason: `not valid JSON: ${(error as Error).message}` },
    ]);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new PackError(
      dir,
      parsed.error.issues.map((issue) => ({
        file: 'manifest.json',
        field: issue.path.join('.') || '(root)',
        reason: issue.message,
      })),
    );
  }
  return parsed.data;
}

/** Which media kind each referenced path must be, from the slides that use it. */
function expectedKinds(manifest: Manifest): Map<string, MediaKind['kind']> {
  const kinds = new Map<string, MediaKind['kind']>();
  for (const role of Object.values(manifest.roles)) {
    for (const slide of role.slides) {
      if (slide.type === 'image') kinds.set(slide.src, 'image');
      if (slide.type === 'video') {
        kinds.set(slide.src, 'video');
        if (slide.poster) kinds.set(slide.poster, 'image');
      }
      if (slide.type === 'text' && slide.background) kinds.set(slide.background, 'image');
    }
  }
  return kinds;
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(512);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Checks one referenced file: inside the pack, a regular file, and of the kind its slide needs. */
async function checkFile(
  root: string,
  path: string,
  kind: MediaKind['kind'],
): Promise<{ absolute: string; media: MediaKind } | PackProblem> {
  const absolute = join(root, ...path.split('/'));
  let info;
  try {
    info = await lstat(absolute);
  } catch {
    return { file: path, reason: 'referenced by the manifest but not in the pack' };
  }
  if (info.isSymbolicLink()) return { file: path, reason: 'is a link; packs may hold only files' };
  if (!info.isFile()) return { file: path, reason: 'is not a regular file' };
  const real = await realpath(absolute);
  if (relative(root, real).startsWith('..' + sep)) {
    return { file: path, reason: 'resolves outside the pack' };
  }
  const media = sniffMediaKind(await readHead(absolute));
  if (!media) return { file: path, reason: `is not a recognised ${kind} (checked its bytes)` };
  if (media.kind !== kind) {
    return { file: path, reason: `is a ${media.kind} (${media.mime}) but is used as ${kind}` };
  }
  return { absolute, media };
}

/**
 * Imports a pack laid out as a folder. All or nothing: every file is checked before anything is
 * stored, and the version is recorded in one transaction; files stored for a failed import are
 * removed again.
 */
export async function importPackFolder(
  db: Db,
  store: FileStore,
  dir: string,
  now: number,
): Promise<ImportedPack> {
  const manifest = await readManifest(dir);
  const existing = findPackVersion(db, manifest.id, manifest.version);
  if (existing) return { packVersionId: existing.id, manifest, added: false };

  const root = await realpath(dir);
  const kinds = expectedKinds(manifest);
  const checked = new Map<string, { absolute: string; media: MediaKind }>();
  const problems: PackProblem[] = [];
  for (const path of referencedFiles(manifest)) {
    const result = await checkFile(root, path, kinds.get(path) ?? 'image');
    if ('reason' in result) problems.push(result);
    else checked.set(path, result);
  }
  if (problems.length > 0) throw new PackError(dir, problems);

  const added: string[] = [];
  try {
    const files = new Map<string, StoredFile>();
    for (const [path, { absolute, media }] of checked) {
      const put = await store.putFile(absolute);
      if (put.added) added.push(put.sha256);
      files.set(path, { sha256: put.sha256, size: put.size, mime: media.mime });
    }
    const packVersionId = db.transaction(() => insertPackVersion(db, manifest, files, now))();
    return { packVersionId, manifest, added: true };
  } catch (error) {
    await Promise.all(added.map((sha) => store.remove(sha)));
    throw error;
  }
}
