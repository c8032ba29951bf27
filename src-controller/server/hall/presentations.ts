import type { Manifest, ManifestSlide } from '../../../src-shared/manifest';
import type { Presentation, PresentedSlide } from '../../../src-shared/presentation';
import type { StoredFile } from '../db/packs-table';

/** URL a screen fetches a stored file from; immutable, so it can be cached forever. */
export const fileUrl = (file: StoredFile) => `/files/${file.sha256}`;

function resolve(files: ReadonlyMap<string, StoredFile>, path: string): string {
  const file = files.get(path);
  // The importer guarantees every referenced path; a miss here is a bug, not bad input.
  if (!file) throw new Error(`pack file ${path} is not in the store`);
  return fileUrl(file);
}

function presentSlide(slide: ManifestSlide, files: ReadonlyMap<string, StoredFile>) {
  const base = {
    durationMs: Math.round(slide.duration * 1000),
    transition: slide.transition,
    ...(slide.caption ? { caption: slide.caption } : {}),
  };
  switch (slide.type) {
    case 'image':
      return { type: 'image', url: resolve(files, slide.src), fit: slide.fit, ...base } as const;
    case 'video':
      return {
        type: 'video',
        url: resolve(files, slide.src),
        ...(slide.poster ? { posterUrl: resolve(files, slide.poster) } : {}),
        ...base,
      } as const;
    case 'text':
      return {
        type: 'text',
        title: slide.title,
        ...(slide.body ? { body: slide.body } : {}),
        ...(slide.background ? { backgroundUrl: resolve(files, slide.background) } : {}),
        ...base,
      } as const;
  }
}

/** What a screen of `role` shows for a theme; screens whose role the pack lacks show `main`. */
export function presentationFor(
  themeKey: string,
  manifest: Manifest,
  files: ReadonlyMap<string, StoredFile>,
  role: string,
): Presentation {
  const slides = (manifest.roles[role] ?? manifest.roles.main)?.slides ?? [];
  return {
    themeKey,
    packId: manifest.id,
    packVersion: manifest.version,
    title: manifest.title,
    slides: slides.map((slide): PresentedSlide => presentSlide(slide, files)),
  };
}
