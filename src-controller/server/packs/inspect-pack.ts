import type { Readable } from 'node:stream';
import { parseManifest, type Manifest, type ManifestText } from '../../../src-shared/manifest';
import { checkGlb } from './glb-check';
import { fileReferences, pageFolders, toPointer, type FileReference } from './manifest-refs';
import { inspectMedia, PLAYABLE_CODECS } from './media-inspect';
import { sniffMediaKind } from './media-kind';
import type { PackProblem } from './pack-error';
import { formatBytes, type PackLimits } from './pack-limits';
import type { PackEntry, PackSource } from './pack-source';

/** Everything the validator found: problems refuse a pack, warnings do not. */
export interface PackReport {
  source: string;
  manifest: Manifest | null;
  problems: PackProblem[];
  warnings: PackProblem[];
  /** The files an import stores: every referenced file, and the files html pages may load. */
  files: PackEntry[];
}

const MANIFEST = 'manifest.json';
/** Enough of a file to know its kind, image size or video codec. */
const HEAD_BYTES = 256 * 1024;
/** Larger than any screen HallCue drives today (4K UHD). */
const MAX_SCREEN = { width: 3840, height: 2160 };

async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      throw new Error(`is larger than ${formatBytes(limit)}`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readHead(stream: Readable, bytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= bytes) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, bytes);
}

async function readManifest(source: PackSource, limits: PackLimits, problems: PackProblem[]) {
  const entry = source.entries.find((e) => e.path === MANIFEST);
  if (!entry) {
    // A manifest refused while listing (too compressed, a link…) is not also "missing".
    if (!problems.some((p) => p.file === MANIFEST)) {
      problems.push({ file: MANIFEST, reason: 'missing at the root of the pack' });
    }
    return null;
  }
  if (entry.size > limits.maxManifestBytes) {
    problems.push({
      file: MANIFEST,
      reason: `is ${formatBytes(entry.size)}; the limit is ${formatBytes(limits.maxManifestBytes)}`,
    });
    return null;
  }
  let json: unknown;
  try {
    const bytes = await readAll(await source.open(MANIFEST), limits.maxManifestBytes);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    problems.push({
      file: MANIFEST,
      reason: error instanceof SyntaxError ? `is not valid JSON: ${message}` : message,
    });
    return null;
  }
  const parsed = parseManifest(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ file: MANIFEST, field: toPointer(issue.path), reason: issue.message });
    }
    return null;
  }
  return parsed.data;
}

function languageWarnings(manifest: Manifest, warnings: PackProblem[]) {
  const check = (text: ManifestText | undefined, pointer: string) => {
    if (!text) return;
    if (text.zh === undefined)
      warnings.push({ file: MANIFEST, field: pointer, reason: 'has no zh text' });
    if (text.en === undefined)
      warnings.push({ file: MANIFEST, field: pointer, reason: 'has no en text' });
  };
  check(manifest.title, '/title');
  for (const [role, { slides }] of Object.entries(manifest.roles)) {
    slides.forEach((slide, i) => {
      const at = `/roles/${role}/slides/${i}`;
      check(slide.caption, `${at}/caption`);
      if (slide.type === 'text') {
        check(slide.title, `${at}/title`);
        check(slide.body, `${at}/body`);
      }
    });
  }
}

/**
 * Checks a pack without storing anything: structure, manifest schema, references, and (with
 * `checkContent`) each referenced file's bytes. Lists every problem, not just the first.
 */
export async function inspectPack(
  source: PackSource,
  limits: PackLimits,
  options: { checkContent: boolean } = { checkContent: true },
): Promise<PackReport> {
  const problems: PackProblem[] = [...source.problems];
  const warnings: PackProblem[] = [];
  const manifest = await readManifest(source, limits, problems);
  const report: PackReport = { source: source.label, manifest, problems, warnings, files: [] };
  if (!manifest) return report;

  const byPath = new Map(source.entries.map((e) => [e.path, e]));
  const refs = fileReferences(manifest);
  const wanted = new Map<string, PackEntry>();
  for (const ref of refs) {
    const entry = byPath.get(ref.path);
    if (!entry) {
      problems.push({
        file: ref.path,
        field: ref.pointer,
        reason: 'is referenced but not in the pack',
      });
    } else {
      wanted.set(ref.path, entry);
    }
  }
  const folders = pageFolders(manifest);
  for (const entry of source.entries) {
    if (entry.path === MANIFEST || wanted.has(entry.path)) continue;
    if (folders.some((folder) => entry.path.startsWith(folder))) wanted.set(entry.path, entry);
    else
      warnings.push({
        file: entry.path,
        reason: 'is not used by any slide and will not be imported',
      });
  }
  report.files = [...wanted.values()];
  languageWarnings(manifest, warnings);
  if (!manifest.description) {
    warnings.push({
      file: MANIFEST,
      field: '/description',
      reason: 'is missing; the console and visitor pages show it',
    });
  }

  if (options.checkContent) {
    const checked = new Set<string>();
    for (const ref of refs) {
      if (checked.has(ref.path) || !wanted.has(ref.path)) continue;
      checked.add(ref.path);
      try {
        const head = await readHead(await source.openHead(ref.path, HEAD_BYTES), HEAD_BYTES);
        checkContent(ref, head, problems, warnings, wanted.get(ref.path)?.size);
      } catch (error) {
        problems.push({ file: ref.path, reason: `cannot be read: ${(error as Error).message}` });
      }
    }
  }
  return report;
}

/**
 * Checks one referenced file by its first bytes: the kind its slide needs (a problem if not) and
 * facts worth a warning (image larger than any screen, a video codec Chromium cannot play).
 */
export function checkContent(
  ref: FileReference,
  head: Uint8Array,
  problems: PackProblem[],
  warnings: PackProblem[],
  /** The whole file's size, which a model's header must match. */
  size?: number,
): void {
  const media = sniffMediaKind(head);
  if (!media) {
    problems.push({
      file: ref.path,
      field: ref.pointer,
      reason: `is not a recognised ${ref.kind} (checked its bytes)`,
    });
    return;
  }
  if (media.kind !== ref.kind) {
    problems.push({
      file: ref.path,
      field: ref.pointer,
      reason: `is ${media.kind === 'image' ? 'an' : 'a'} ${media.kind} (${media.mime}) but is used as ${ref.kind}`,
    });
    return;
  }
  if (media.kind === 'model') {
    const glb = checkGlb(head, size ?? head.length);
    if ('problem' in glb)
      problems.push({ file: ref.path, field: ref.pointer, reason: glb.problem });
    return;
  }
  const facts = inspectMedia(head, media);
  if (
    facts.width &&
    facts.height &&
    (facts.width > MAX_SCREEN.width || facts.height > MAX_SCREEN.height)
  ) {
    warnings.push({
      file: ref.path,
      reason: `is ${facts.width}x${facts.height}, larger than any screen (${MAX_SCREEN.width}x${MAX_SCREEN.height}); scale it down to save memory and load time`,
    });
  }
  if (media.kind === 'video') {
    if (!facts.codec) {
      warnings.push({
        file: ref.path,
        reason: 'video codec not found in its first bytes; make sure it is H.264, VP9 or AV1',
      });
    } else if (!PLAYABLE_CODECS.has(facts.codec)) {
      warnings.push({
        file: ref.path,
        reason: `uses ${facts.codec.toUpperCase()}, which Chromium cannot play on most screens; use H.264, VP9 or AV1`,
      });
    }
  }
}

/** How many leading bytes `checkContent` needs to see. */
export const CONTENT_HEAD_BYTES = HEAD_BYTES;
