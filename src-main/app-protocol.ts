import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

/** Scheme and host the bundled screen UI is served from. */
export const APP_SCHEME = 'hallcue';
export const APP_HOST = 'app';
/** Origin of the bundled screen UI as Chromium sees it (Node's URL calls it "null"). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Content-Security-Policy of every page and asset of the bundled screen UI. */
export const APP_CSP = [
  "default-src 'self'",
  "img-src 'self' hallcue-file: data: blob:",
  "media-src 'self' hallcue-file: blob:",
  "connect-src 'self' http: https: ws: wss:",
  'frame-src http: https:',
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};

/** Content type for a file name by its extension. */
export function contentTypeFor(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * True for URLs of the bundled UI. Compares scheme and host rather than `URL.origin`, which Node
 * reports as "null" for custom schemes, the same as for `data:` URLs.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** URL a kiosk window loads: the bundled screen page for screen `name`. */
export function appPageUrl(name: string, controllerUrls: readonly string[]): string {
  const query = new URLSearchParams({ screen: name });
  // The page follows one at a time and fails over between them (src-shared/failover.ts).
  for (const url of controllerUrls) query.append('controller', url);
  return `${APP_ORIGIN}/index.html?${query.toString()}`;
}

/** Options for createAppHandler. */
export interface AppHandlerOptions {
  /**
   * Vite's `base` for the bundle (`/screen/` today): asset URLs in index.html start with it,
   * so it is stripped before mapping a path to a file.
   */
  base?: string;
}

/**
 * The decoded path segments of `pathname`, or undefined when any segment could escape the
 * root: `..`, `.`, or an encoded separator or NUL (`..%2f`, `%5c`, `%00`).
 */
function safeSegments(pathname: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}

/**
 * Handler for `protocol.handle('hallcue', …)`: serves the bundled screen UI in `rootDir` at
 * `hallcue://app/…`, with index.html for `/` and for extensionless routes (client-side
 * routing), 404 for missing assets and for any path that tries to leave `rootDir`.
 */
export function createAppHandler(
  rootDir: string,
  options: AppHandlerOptions = {},
): (request: Request) => Promise<Response> {
  const root = resolve(rootDir);
  const base = `/${(options.base ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const common = { 'Content-Security-Policy': APP_CSP, 'X-Content-Type-Options': 'nosniff' };
  const notFound = () =>
    new Response('not found', {
      status: 404,
      headers: { ...common, 'Content-Type': 'text/plain; charset=utf-8' },
    });

  const serve = async (path: string, head: boolean): Promise<Response> => {
    const body = await readFile(path);
    return new Response(head ? null : body, {
      status: 200,
      headers: {
        ...common,
        'Content-Type': contentTypeFor(path),
        'Content-Length': String(body.length),
        // The bundle changes with every app update; hashed asset names make this cheap.
        'Cache-Control': 'no-cache',
      },
    });
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405, headers: { Allow: 'GET, HEAD' } });
    }
    const head = request.method === 'HEAD';
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (!isAppUrl(url.href)) return notFound();

    let pathname = url.pathname;
    if (base !== '/' && (pathname.startsWith(base) || `${pathname}/` === base)) {
      pathname = pathname.slice(base.length - 1);
    }
    const segments = safeSegments(pathname);
    if (segments === undefined) return notFound();

    const index = join(root, 'index.html');
    const file = resolve(root, ...segments);
    // Belt and braces: the segment check above already keeps `file` inside root.
    if (file !== root && !file.startsWith(root + sep)) return notFound();
    try {
      if (segments.length > 0 && (await stat(file)).isFile()) return await serve(file, head);
    } catch {
      // Missing: decided below.
    }
    const last = segments.at(-1) ?? '';
    // A missing asset must fail loudly, not come back as HTML with a 200.
    if (extname(last) !== '') return notFound();
    try {
      return await serve(index, head);
    } catch {
      return notFound();
    }
  };
}
