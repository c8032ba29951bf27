import type { Presentation } from '../../src-shared/presentation';

/** Resolves `false` if `promise` has not settled within `ms`. */
const withTimeout = (promise: Promise<boolean>, ms: number) =>
  Promise.race([promise, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

/**
 * Resolves with the image once its pixels are ready to paint (decode()), or null if it cannot be
 * loaded. Holding on to the element keeps it decoded in this page's caches.
 */
export function decodeImage(url: string): Promise<HTMLImageElement | null> {
  const image = new Image();
  image.src = url;
  return image.decode().then(
    () => image,
    () => null,
  );
}

// decode() resolves once the pixels are ready to paint, so the flip frame shows them at once.
const preloadImage = (url: string) => decodeImage(url).then((image) => image !== null);

/** Loads a video until its first frame is ready, then lets go of the element (and its decoder). */
export function preloadVideo(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const video = document.createElement('video');
    video.muted = true;
    video.preload = 'auto';
    const done = (ok: boolean) => () => {
      video.removeAttribute('src');
      resolve(ok);
    };
    // The first frame is what the flip shows; waiting for 'canplaythrough' can stall on a
    // muted, unfocused page that the browser chooses not to buffer.
    video.addEventListener('loadeddata', done(true), { once: true });
    video.addEventListener('error', done(false), { once: true });
    video.src = url;
  });
}

/** Media URLs of a presentation, first slide first. */
export function mediaOf(presentation: Presentation): { url: string; kind: 'image' | 'video' }[] {
  return presentation.slides.flatMap((slide) => {
    switch (slide.type) {
      case 'image':
        return [{ url: slide.url, kind: 'image' as const }];
      case 'video':
        return [
          ...(slide.posterUrl ? [{ url: slide.posterUrl, kind: 'image' as const }] : []),
          { url: slide.url, kind: 'video' as const },
        ];
      case 'text':
        return slide.backgroundUrl ? [{ url: slide.backgroundUrl, kind: 'image' as const }] : [];
      case 'model':
        return slide.posterUrl ? [{ url: slide.posterUrl, kind: 'image' as const }] : [];
      case 'html':
        return [];
    }
  });
}

const load = ({ url, kind }: { url: string; kind: 'image' | 'video' }) =>
  kind === 'image' ? preloadImage(url) : preloadVideo(url);

/**
 * Decodes the first slide's media before the flip, so the flip frame shows it whole. Waiting
 * for every slide would make the flip wait on the slowest decode and spread the screens apart.
 * Resolves `false` if anything failed or took longer than `timeoutMs`: the screen then keeps
 * its current theme rather than show a half-loaded one.
 */
export async function preloadFirstSlide(
  presentation: Presentation,
  timeoutMs = 8000,
): Promise<boolean> {
  const [first] = presentation.slides;
  const media = first ? mediaOf({ ...presentation, slides: [first] }) : [];
  const loaded = await withTimeout(
    Promise.all(media.map(load)).then((all) => all.every(Boolean)),
    timeoutMs,
  );
  return loaded;
}

/** The media of every slide after the first, in slide order. */
export const laterMediaOf = (presentation: Presentation) =>
  mediaOf({ ...presentation, slides: presentation.slides.slice(1) });

/**
 * Loads an emergency message's image or video for at most `timeoutMs`. Unlike a theme, the
 * message does not wait for it: it resolves either way, and says whether the media is ready.
 */
export function preloadOverride(
  url: string,
  kind: 'image' | 'video',
  timeoutMs = 3000,
): Promise<boolean> {
  return withTimeout(load({ url, kind }), timeoutMs);
}
