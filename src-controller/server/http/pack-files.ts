import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseCookies } from 'cookie';
import send from 'send';
import type { Db } from '../db/open';
import { getFile } from '../db/packs-table';
import { getScreen } from '../db/screens-table';
import { isSha256, type FileStore } from '../packs/file-store';
import type { PageUrls } from '../packs/page-urls';
import { keyMatches } from '../screens/screen-keys';
import { json } from './respond';

export const SCREEN_COOKIE = 'hallcue_screen';

/**
 * Whether the request proves an approved screen: its cookie (screen pages in a browser) or an
 * `Authorization: Screen <id>.<key>` header (the screen app's main process fills its disk cache).
 */
export function isApprovedScreen(db: Db, req: IncomingMessage): boolean {
  const header = /^Screen (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const raw = header ?? parseCookies(req.headers.cookie ?? '')[SCREEN_COOKIE];
  if (!raw) return false;
  const dot = raw.indexOf('.');
  if (dot <= 0) return false;
  const screen = getScreen(db, raw.slice(0, dot));
  return !!screen && screen.approved && keyMatches(raw.slice(dot + 1), screen.keyHash);
}

function sendStored(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  headers: Record<string, string>,
) {
  send(req, path, { immutable: true, maxAge: '365d', etag: true, lastModified: false })
    .on('headers', (response: ServerResponse) => {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    })
    .on('error', (error: { status?: number }) =>
      json(res, error.status ?? 500, { ok: false, error: 'file unavailable' }),
    )
    .pipe(res);
}

/**
 * `/files/<sha256>`: immutable, content-addressed, with HTTP Range (send handles it) so an
 * interrupted download resumes. Only approved screens and operating consoles may read.
 */
export function serveStoredFile(
  req: IncomingMessage,
  res: ServerResponse,
  sha256: string,
  deps: { db: Db; store: FileStore; isConsoleUser: (req: IncomingMessage) => boolean },
) {
  if (!isApprovedScreen(deps.db, req) && !deps.isConsoleUser(req)) {
    json(res, 403, { ok: false, error: 'files are served to approved screens and consoles only' });
    return;
  }
  const file = isSha256(sha256) ? getFile(deps.db, sha256) : undefined;
  if (!file) {
    json(res, 404, { ok: false, error: `no file ${sha256.slice(0, 64)}` });
    return;
  }
  sendStored(req, res, deps.store.pathOf(file.sha256), {
    'Content-Type': file.mime,
    'X-Content-Type-Options': 'nosniff',
    // Images here are never documents: an SVG opened directly cannot run script.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  });
}

export const PAGE_CSP = [
  // Scripts may run, but in an opaque origin: no cookies, no storage of ours, no parent access.
  'sandbox allow-scripts',
  "default-src 'self' data: blob: 'unsafe-inline'",
  // No network beyond the pack's own files.
  "connect-src 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

export const MIME_BY_EXTENSION: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  woff2: 'font/woff2',
  woff: 'font/woff',
  webm: 'video/webm',
  mp4: 'video/mp4',
};

/**
 * `/packs/<version>/<token>/<path>`: the pages of html slides and the files beside them, by
 * their path in the pack, so relative links inside a page work.
 */
export function servePackPage(
  req: IncomingMessage,
  res: ServerResponse,
  rest: string,
  deps: { db: Db; store: FileStore; pages: PageUrls },
) {
  const match = /^(\d+)\/([A-Za-z0-9_-]+)\/(.+)$/.exec(rest);
  const versionId = Number(match?.[1]);
  if (!match || !deps.pages.verify(versionId, match[2] ?? '')) {
    json(res, 404, { ok: false, error: 'no such page' });
    return;
  }
  const path = match[3] ?? '';
  const row = deps.db
    .prepare(
      `SELECT f.sha256, f.mime FROM pack_version_files p JOIN files f ON f.sha256 = p.sha256
       WHERE p.pack_version_id = ? AND p.path = ?`,
    )
    .get(versionId, path) as { sha256: string; mime: string } | undefined;
  if (!row) {
    json(res, 404, { ok: false, error: 'no such file in this pack' });
    return;
  }
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  sendStored(req, res, deps.store.pathOf(row.sha256), {
    'Content-Type': MIME_BY_EXTENSION[extension] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': PAGE_CSP,
    'Referrer-Policy': 'no-referrer',
  });
}
