import { bothLanguages, type Manifest, type ManifestSlide } from '../../../src-shared/manifest';
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

/** Resolves what a slide refers to: content-addressed files, and the pack's own pages. */
export interface PackUrls {
  files: ReadonlyMap<string, StoredFile>;
  /** URL of a path inside the pack version, for html slides and their relative assets. */
  pagePath: (path: string) => string;
  /** The theme's visitor page, for slides that show a QR code; null while it is not public. */
  visitorUrl?: string | null;
}

export function presentSlide(slide: ManifestSlide, urls: PackUrls): PresentedSlide {
  const files = urls.files;
  const base = {
    durationMs: Math.round(slide.duration * 1000),
    transition: slide.transition,
    ...(slide.caption ? { caption: bothLanguages(slide.caption) } : {}),
    ...(slide.qr && urls.visitorUrl ? { qrUrl: urls.visitorUrl } : {}),
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
        title: bothLanguages(slide.title),
        ...(slide.body ? { body: bothLanguages(slide.body) } : {}),
        ...(slide.background ? { backgroundUrl: resolve(files, slide.background) } : {}),
        ...base,
      } as const;
    case 'html':
      return { type: 'html', url: urls.pagePath(slide.src), ...base } as const;
    case 'model':
      return {
        type: 'model',
        url: resolve(files, slide.src),
        ...(slide.poster ? { posterUrl: resolve(files, slide.poster) } : {}),
        ...base,
      } as const;
  }
}

/** What a screen of `role` shows for a theme; screens whose role the pack lacks show `main`. */
export function presentationFor(
  themeKey: string,
  manifest: Manifest,
  urls: PackUrls,
  role: string,
): Presentation {
  const slides = (manifest.roles[role] ?? manifest.roles.main)?.slides ?? [];
  return {
    themeKey,
    packId: manifest.id,
    packVersion: manifest.version,
    title: bothLanguages(manifest.title),
    slides: slides.map((slide): PresentedSlide => presentSlide(slide, urls)),
  };
}
