import type { Manifest } from '../../../src-shared/manifest';
import type { MediaKind } from './media-kind';

/** One place in a manifest that names a file, with the kind of file it needs. */
export interface FileReference {
  path: string;
  kind: MediaKind['kind'];
  /** JSON pointer to the field, e.g. /roles/main/slides/2/src. */
  pointer: string;
}

/** Every file reference in a manifest, in document order. */
export function fileReferences(manifest: Manifest): FileReference[] {
  const refs: FileReference[] = [];
  for (const [role, { slides }] of Object.entries(manifest.roles)) {
    slides.forEach((slide, index) => {
      const at = (field: string) => `/roles/${role}/slides/${index}/${field}`;
      switch (slide.type) {
        case 'image':
          refs.push({ path: slide.src, kind: 'image', pointer: at('src') });
          break;
        case 'video':
          refs.push({ path: slide.src, kind: 'video', pointer: at('src') });
          if (slide.poster) refs.push({ path: slide.poster, kind: 'image', pointer: at('poster') });
          break;
        case 'text':
          if (slide.background) {
            refs.push({ path: slide.background, kind: 'image', pointer: at('background') });
          }
          break;
        case 'html':
          refs.push({ path: slide.src, kind: 'html', pointer: at('src') });
          break;
        case 'model':
          refs.push({ path: slide.src, kind: 'model', pointer: at('src') });
          if (slide.poster) refs.push({ path: slide.poster, kind: 'image', pointer: at('poster') });
          break;
      }
    });
  }
  return refs;
}

/** Folders whose files an html slide may load (the folder its page is in, and below). */
export function pageFolders(manifest: Manifest): string[] {
  return fileReferences(manifest)
    .filter((ref) => ref.kind === 'html')
    .map((ref) => ref.path.slice(0, ref.path.lastIndexOf('/') + 1));
}

/** Turns a zod issue path into a JSON pointer (RFC 6901). */
export const toPointer = (path: readonly PropertyKey[]) =>
  path.length === 0
    ? '/'
    : path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
