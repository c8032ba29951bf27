import type { Manifest, ManifestSlide } from '../../../src-shared/manifest';
import type { FirstSlide, SlideMedia } from '../../../src-shared/protocol';
import type { Db } from '../db/open';
import { getPackVersion, packVersionFiles, type StoredFile } from '../db/packs-table';
import { listThemes } from '../db/themes-table';

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
  files: ReadonlyMap<string, StoredFile>,
  role: string,
): SlideMedia[] {
  const first = (manifest.roles[role] ?? manifest.roles.main)?.slides[0];
  if (!first) return [];
  return mediaPaths(first).flatMap(({ path, kind }) => {
    const file = files.get(path);
    // The importer guarantees every referenced path; a missing one is simply not warmed.
    return file ? [{ sha256: file.sha256, kind }] : [];
  });
}

/**
 * Every theme on a key with its first slide's media for screens of `role`: what a screen keeps
 * decoded so that no press, not even the first after it starts, waits on a cold decode.
 */
export function firstSlides(db: Db, role: string): FirstSlide[] {
  return listThemes(db).flatMap((theme) => {
    const version = getPackVersion(db, theme.packVersionId);
    if (!version) return [];
    const media = firstSlideMedia(version.manifest, packVersionFiles(db, version.id), role);
    return [{ themeKey: theme.key, media }];
  });
}
