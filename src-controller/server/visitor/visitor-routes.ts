import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import send from 'send';
import type { Localized } from '../../../src-shared/localized';
import type { StoredFile } from '../db/packs-table';
import type { Db } from '../db/open';
import { getTheme } from '../db/themes-table';
import { MIME_BY_EXTENSION, PAGE_CSP } from '../http/pack-files';
import type { Logger } from '../logger';
import { isSha256, type FileStore } from '../packs/file-store';
import { PHONE_WIDTHS, type ImageVariants, type PhoneWidth } from './image-variants';
import { LANGUAGE_COOKIE, pickLanguage, type Language } from './language';
import { findVisiblePack, visiblePacks } from './published';
import { qrPng, qrSvg, DEFAULT_QR_PNG_SIZE } from './qr-codes';
import type { RateLimiter } from './rate-limit';
import { renderIndex, renderNotFound, renderTheme, type PageContext } from './render-pages';
import { STRINGS } from './strings';
import { readVisitorSettings } from './visitor-settings';

export interface VisitorDeps {
  db: Db;
  store: FileStore;
  log: Logger;
  hallName: Localized;
  variants: ImageVariants;
  limiter: RateLimiter;
  /** The built visitor script (vite output, `dist/visitor`). */
  clientRoot: string;
  /** The hall's address as phones see it, without a trailing slash. */
  publicUrl: () => string;
}

/** Visitor pages may show pack media and sandboxed pages; they run only our own script. */
const PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; img-src 'self' data: blob:; media-src 'self'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Every phone checks back each time (a 304 costs a few bytes), so a publish, a rollback or a
  // settings change shows at once; the ETag names the pack version the page was made from.
  'Cache-Control': 'no-cache',
  Vary: 'Accept-Language, Accept-Encoding, Cookie',
};

/** Media answers: images are never documents, so an SVG opened directly cannot run script. */
const MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

type Encoding = 'br' | 'gzip' | 'identity';

/** The best compression the phone accepts: a weak connection gains most from brotli. */
function encodingFor(req: IncomingMessage): Encoding {
  const accepted = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return 'identity';
}

function compress(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'br') {
    return brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } });
  }
  return encoding === 'gzip' ? gzipSync(body, { level: 9 }) : body;
}

/** The visitor's page address for a pack, as its QR code holds it. */
export const visitorPageUrl = (publicUrl: string, packId: string) => `${publicUrl}/hall/${packId}`;

/** Handles everything under `/hall`: the index, the theme pages, their media and QR codes. */
export function createVisitorHandler(deps: VisitorDeps) {
  const { db, log } = deps;
  let modelScript: string | null = null;

  /** The entry of the built 3D viewer, from vite's manifest; null until it is built. */
  function findModelScript(): string | null {
    if (modelScript) return modelScript;
    try {
      const manifest = JSON.parse(
        readFileSync(join(deps.clientRoot, '.vite', 'manifest.json'), 'utf8'),
      ) as Record<string, { file: string; isEntry?: boolean }>;
      const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
      modelScript = entry ? `/hall/${entry.file}` : null;
    } catch {
      modelScript = null;
    }
    return modelScript;
  }

  function page(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    body: string,
    tag: string,
  ) {
    const etag = `"${tag}-${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
    const headers = { ...PAGE_HEADERS, ETag: etag };
    if (status === 200 && req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const encoding = encodingFor(req);
    // Pages are a few KB: compressing each answer costs less than a millisecond.
    const bytes = compress(Buffer.from(body, 'utf8'), encoding === 'br' ? 'gzip' : encoding);
    res.writeHead(status, {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': bytes.length,
      ...(encoding === 'identity' ? {} : { 'Content-Encoding': 'gzip' }),
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  /** Built scripts, compressed once per encoding and kept: they never change (hashed names). */
  const assets = new Map<string, Promise<Buffer | null>>();
  async function serveAsset(req: IncomingMessage, res: ServerResponse, name: string) {
    if (!/^[A-Za-z0-9_.-]+\.js$/.test(name)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    const encoding = encodingFor(req);
    const key = `${encoding}:${name}`;
    let pending = assets.get(key);
    if (!pending) {
      pending = readFile(join(deps.clientRoot, 'assets', name)).then(
        (raw) => compress(raw, encoding),
        () => null,
      );
      assets.set(key, pending);
    }
    const bytes = await pending;
    if (!bytes) {
      assets.delete(key);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Length': bytes.length,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  function sendFile(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    headers: Record<string, string>,
  ) {
    send(req, path, {
      etag: !headers.ETag,
      lastModified: false,
      cacheControl: false,
      index: false,
      dotfiles: 'deny',
    })
      .on('headers', (response: ServerResponse) => {
        for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      })
      .on('error', (error: { status?: number }) => {
        if (res.headersSent) return;
        res.writeHead(error.status ?? 500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('not found');
      })
      .pipe(res);
  }

  async function serveMedia(
    req: IncomingMessage,
    res: ServerResponse,
    ctx: PageContext,
    file: StoredFile,
    width: string | null,
  ) {
    const wanted = PHONE_WIDTHS.find((w) => String(w) === width);
    if (width !== null && !wanted) {
      page(req, res, 404, renderNotFound(ctx), 'nf');
      return;
    }
    const variant = wanted ? await deps.variants.variant(file, wanted as PhoneWidth) : null;
    const common = {
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': MEDIA_CSP,
      'Cache-Control': 'no-cache',
    };
    if (variant) {
      sendFile(req, res, variant, {
        ...common,
        'Content-Type': 'image/webp',
        ETag: `"${file.sha256.slice(0, 32)}-${wanted}"`,
      });
    } else {
      sendFile(req, res, deps.store.pathOf(file.sha256), {
        ...common,
        'Content-Type': file.mime,
        ETag: `"${file.sha256.slice(0, 32)}"`,
      });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string) {
    const url = new URL(req.url ?? '/', 'http://controller');
    const settings = readVisitorSettings(db);
    const lang: Language = pickLanguage(req);
    const ctx: PageContext = { lang, hallName: deps.hallName, path };
    const notFound = () => page(req, res, 404, renderNotFound(ctx), `nf-${lang}`);

    // The language link: remember the choice, then show the same page without the query.
    const chosen = url.searchParams.get('lang');
    if (chosen === 'zh' || chosen === 'en') {
      res.writeHead(303, {
        Location: path,
        'Set-Cookie': `${LANGUAGE_COOKIE}=${chosen}; Path=/hall; Max-Age=31536000; SameSite=Lax`,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (path === '/hall') {
      res.writeHead(301, { Location: '/hall/' });
      res.end();
      return;
    }
    if (path.startsWith('/hall/assets/')) {
      await serveAsset(req, res, path.slice('/hall/assets/'.length));
      return;
    }
    if (!settings.enabled) {
      notFound();
      return;
    }
    if (path === '/hall/') {
      page(req, res, 200, renderIndex(ctx, visiblePacks(db, settings)), `i-${lang}`);
      return;
    }
    const [, , packRef = '', kind, ...rest] = path.split('/');
    // A theme key (what the console shows) leads to the pack on that key.
    if (/^[1-9]$/.test(packRef) && kind === undefined) {
      const theme = getTheme(db, packRef);
      const pack =
        theme && visiblePacks(db, settings).find((p) => p.packVersionId === theme.packVersionId);
      if (!pack) notFound();
      else {
        res.writeHead(302, { Location: `/hall/${pack.packId}`, 'Cache-Control': 'no-cache' });
        res.end();
      }
      return;
    }
    const pack = findVisiblePack(db, settings, packRef);
    if (!pack) {
      notFound();
      return;
    }
    if (kind === undefined) {
      const body = await renderTheme(ctx, pack, deps.variants, findModelScript());
      page(req, res, 200, body, `v${pack.packVersionId}-${lang}`);
    } else if (kind === 'f' && rest.length === 1 && isSha256(rest[0] ?? '')) {
      // Only files of the version published now: an older or unpublished one's are absent.
      const file = [...pack.files.values()].find((f) => f.sha256 === rest[0]);
      if (!file) notFound();
      else await serveMedia(req, res, ctx, file, url.searchParams.get('w'));
    } else if (kind === 'page' && rest.length > 0) {
      const inPack = rest.join('/');
      const file = pack.files.get(inPack);
      if (!file) {
        notFound();
        return;
      }
      const extension = inPack.slice(inPack.lastIndexOf('.') + 1).toLowerCase();
      sendFile(req, res, deps.store.pathOf(file.sha256), {
        'Content-Type': MIME_BY_EXTENSION[extension] ?? 'application/octet-stream',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': PAGE_CSP,
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
        ETag: `"${file.sha256.slice(0, 32)}"`,
      });
    } else if (kind === 'qr.svg' && rest.length === 0) {
      const svg = await qrSvg(visitorPageUrl(deps.publicUrl(), pack.packId));
      res.writeHead(200, {
        'Content-Type': 'image/svg+xml',
        'Content-Security-Policy': MEDIA_CSP,
        'Content-Disposition': `inline; filename="hallcue-qr-${pack.packId}.svg"`,
        'Cache-Control': 'no-cache',
      });
      res.end(svg);
    } else if (kind === 'qr.png' && rest.length === 0) {
      const size = Number(url.searchParams.get('size') ?? DEFAULT_QR_PNG_SIZE);
      if (!Number.isInteger(size) || size < 128 || size > 4096) {
        res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('size must be a whole number of pixels from 128 to 4096');
        return;
      }
      const png = await qrPng(visitorPageUrl(deps.publicUrl(), pack.packId), size);
      res.writeHead(200, {
        'Content-Type': 'image/png',
        'Content-Disposition': `inline; filename="hallcue-qr-${pack.packId}.png"`,
        'Cache-Control': 'no-cache',
      });
      res.end(png);
    } else {
      notFound();
    }
  }

  return (req: IncomingMessage, res: ServerResponse, path: string): void => {
    const wait = deps.limiter.take(req.socket.remoteAddress ?? '');
    if (wait > 0) {
      const t = STRINGS[pickLanguage(req)];
      res.writeHead(429, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Retry-After': String(wait),
        'Cache-Control': 'no-store',
      });
      res.end(t.tooMany);
      return;
    }
    handle(req, res, path).catch((error: unknown) => {
      log.error({ err: error, path }, 'visitor page failed');
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('internal error');
      }
    });
  };
}
