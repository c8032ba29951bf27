import type { Presentation, PresentedSlide } from '../../src-shared/presentation';
import type { PrefetchFile } from '../../src-shared/protocol';

/**
 * What the screen app's preload exposes as `window.hallcue` (see src-main/preload.ts). The page
 * also runs in any browser, where there is no host and it fetches over HTTP itself.
 */
export interface HostApi {
  platform: 'electron';
  version: string;
  /** Fills the app's disk cache (verified by sha256); resolves with what it now holds. */
  prefetch(files: PrefetchFile[]): Promise<{ held: string[]; failed: string[] }>;
  /** Tells the app's watchdog the page is alive and what it shows. */
  heartbeat(beat: { revision: number; slide: number | null }): Promise<void>;
  /** Lets the app's main process download pack files as this screen. */
  setCredentials(credentials: {
    controllerUrl: string;
    screenId: string;
    key: string;
  }): Promise<void>;
  /** A small JPEG of the window as a data URL; apps from before it existed lack it. */
  screenshot?(): Promise<string>;
}

export function hostApi(): HostApi | null {
  const api = (globalThis as { hallcue?: Partial<HostApi> }).hallcue;
  return api?.platform === 'electron' && typeof api.prefetch === 'function'
    ? (api as HostApi)
    : null;
}

/**
 * Where the page loads a controller-relative URL from: pack files from the app's verified disk
 * cache when there is one (so they play offline), everything else from the controller.
 */
export function resolveUrl(url: string, controllerUrl: string, host: HostApi | null): string {
  const file = /^\/files\/([0-9a-f]{64})$/.exec(url);
  if (file && host) return `hallcue-file://${file[1]}`;
  return url.startsWith('/') ? `${controllerUrl}${url}` : url;
}

/** The presentation with every URL resolved for this page. */
export function resolvePresentation(
  presentation: Presentation,
  controllerUrl: string,
  host: HostApi | null,
): Presentation {
  return mapPresentationUrls(presentation, (url) => resolveUrl(url, controllerUrl, host));
}

/** The presentation with `map` applied to every URL a slide loads. */
export function mapPresentationUrls(
  presentation: Presentation,
  map: (url: string) => string,
): Presentation {
  return { ...presentation, slides: presentation.slides.map((slide) => mapSlideUrls(slide, map)) };
}

/** The slide with `map` applied to every URL it loads. */
export function mapSlideUrls(slide: PresentedSlide, map: (url: string) => string): PresentedSlide {
  switch (slide.type) {
    case 'image':
    case 'html':
      return { ...slide, url: map(slide.url) };
    case 'video':
    case 'model':
      return {
        ...slide,
        url: map(slide.url),
        ...(slide.posterUrl ? { posterUrl: map(slide.posterUrl) } : {}),
      };
    case 'text':
      return slide.backgroundUrl ? { ...slide, backgroundUrl: map(slide.backgroundUrl) } : slide;
  }
}
