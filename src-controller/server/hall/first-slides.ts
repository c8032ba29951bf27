import type { Manifest, ManifestSlide } from '../../../src-shared/manifest';
import type { FirstSlide, SlideMedia } from '../../../src-shared/protocol';
import type { Db } from '../db/open';
import type { PresentedSlide } from '../../../src-shared/presentation';
import { getPackVersion, type StoredFile } from '../db/packs-table';
import { presentSlide } from './presentations';

/**
 * What a screen decodes to show a slide at once: its images and the first frame of its video.
 * Mirrors the screen's own preloading (src-renderer/src/preload-media.ts): html pages and 3D
 * models load when shown, only their posters ahead.
 */
function mediaPaths(slide: ManifestSlide): { path: string; kind: SlideMedia['kind'] }[] {
  switch (slide.type) {
    case 'image':
      return [{ path: slide.src, kind: 'image' }];
    case 'video':
      return [
        ...(slide.poster ? [{ path: slide.poster, kind: 'image' as const }] : []),
        { path: slide.src, kind: 'video' },
      ];
    case 'text':
      return slide.background ? [{ path: slide.background, kind: 'image' }] : [];
    case 'model':
      return slide.poster ? [{ path: slide.poster, kind: 'image' }] : [];
    case 'html':
      return [];
  }
}

/**
 * The media of the first slide a screen of `role` shows for a pack version (screens whose role
 * the pack lacks show `main`, as presentationFor does), by content hash.
 */
export function firstSlideMedia(
  manifest: Manifest,
  fileAt: (path: string) => StoredFile | undefined,
  role: string,
): SlideMedia[] {
  const first = (manifest.roles[role] ?? manifest.roles.main)?.slides[0];
  if (!first) return [];
  return mediaPaths(first).flatMap(({ path, kind }) => {
    const file = fileAt(path);
    // The importer guarantees every referenced path; a missing one is simply not warmed.
    return file ? [{ sha256: file.sha256, kind }] : [];
  });
}

/**
 * The first slide a screen of `role` shows, as presented, when it is a text or an image slide
 * (what a screen rehearses: see firstSlideSchema). Its QR code, if any, is left out: the
 * rehearsal is about fonts and pictures, and the visitor address may change.
 */
export function rehearsalSlide(
  manifest: Manifest,
  fileAt: (path: string) => StoredFile | undefined,
  role: string,
): PresentedSlide | undefined {
  const first = (manifest.roles[role] ?? manifest.roles.main)?.slides[0];
  if (!first || (first.type !== 'text' && first.type !== 'image')) return undefined;
  const files = new Map<string, StoredFile>();
  for (const { path } of mediaPaths(first)) {
    const file = fileAt(path);
    if (!file) return undefined;
    files.set(path, file);
  }
  return presentSlide({ ...first, qr: false }, { files, pagePath: () => '' });
}

/**
 * Worked out once per pack version and role: every screen that connects is sent its list, and a
 * thousand reconnecting at once must not parse every manifest a thousand times. A version's rows
 * never change; the import time tells a re-import under a reused row id apart.
 */
interface FirstOf {
  media: SlideMedia[];
  slide: PresentedSlide | undefined;
}
const cacheByDb = new WeakMap<Db, Map<string, FirstOf>>();
const CACHE_LIMIT = 256;

/**
 * Every theme on a key with its first slide's media for screens of `role`: what a screen keeps
 * decoded so that no press, not even the first after it starts, waits on a cold decode.
 */
export function firstSlides(db: Db, role: string): FirstSlide[] {
  let cache = cacheByDb.get(db);
  if (!cache) cacheByDb.set(db, (cache = new Map()));
  const themes = db
    .prepare(
      `SELECT t.key, v.id, v.imported_at AS importedAt FROM themes t
       JOIN pack_versions v ON v.id = t.pack_version_id ORDER BY t.key`,
    )
    .all() as { key: string; id: number; importedAt: number }[];
  return themes.map((theme) => {
    const cacheKey = `${theme.id}:${theme.importedAt}:${role}`;
    let first = cache.get(cacheKey);
    if (!first) {
      const version = getPackVersion(db, theme.id);
      const at = (path: string) => fileAt(db, theme.id, path);
      first = version
        ? {
            media: firstSlideMedia(version.manifest, at, role),
            slide: rehearsalSlide(version.manifest, at, role),
          }
        : { media: [], slide: undefined };
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(cacheKey, first);
    }
    return {
      themeKey: theme.key,
      media: first.media,
      ...(first.slide ? { slide: first.slide } : {}),
    };
  });
}

function fileAt(db: Db, versionId: number, path: string): StoredFile | undefined {
  return db
    .prepare(
      `SELECT f.sha256, f.size, f.mime FROM pack_version_files p
       JOIN files f ON f.sha256 = p.sha256 WHERE p.pack_version_id = ? AND p.path = ?`,
    )
    .get(versionId, path) as StoredFile | undefined;
}
