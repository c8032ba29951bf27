import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { parse as parseCookies } from 'cookie';
import send from 'send';
import { z } from 'zod';
import { describeIssues } from '../../../src-shared/protocol';
import type { Db } from '../db/open';
import { getFile } from '../db/packs-table';
import { getScreen } from '../db/screens-table';
import type { Hall } from '../hall/hall';
import type { Logger } from '../logger';
import { isSha256, type FileStore } from '../packs/file-store';
import { keyMatches } from '../screens/screen-keys';

export interface HttpDeps {
  db: Db;
  hall: Hall;
  store: FileStore;
  log: Logger;
  version: string;
  /** Built console and screen pages (vite output). */
  webRoot: string;
  mayOperate: (address: string) => boolean;
}

const SCREEN_COOKIE = 'hallcue_screen';
const MAX_JSON_BODY = 16 * 1024;

const sessionRequestSchema = z.object({
  screenId: z.string().min(1).max(64),
  key: z.string().min(16).max(128),
});

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY) throw new Error(`request body is larger than ${MAX_JSON_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** The screen a request's cookie proves, if it is approved. */
function approvedScreenOf(db: Db, req: IncomingMessage): boolean {
  const raw = parseCookies(req.headers.cookie ?? '')[SCREEN_COOKIE];
  if (!raw) return false;
  const dot = raw.indexOf('.');
  if (dot <= 0) return false;
  const screen = getScreen(db, raw.slice(0, dot));
  return !!screen && screen.approved && keyMatches(raw.slice(dot + 1), screen.keyHash);
}

/** The HTTP side of the controller: health, screen sessions, pack files and the two web apps. */
export function createRequestHandler(deps: HttpDeps) {
  const { db, log } = deps;
  const consoleRoot = join(deps.webRoot, 'console');
  const screenRoot = join(deps.webRoot, 'screen');

  function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, path: string) {
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`The web pages are not built (${root} is missing). Run: npm run build`);
      return;
    }
    const isAsset = path.startsWith('/assets/');
    send(req, isAsset ? path : '/index.html', {
      root,
      index: false,
      dotfiles: 'deny',
      immutable: isAsset,
      maxAge: isAsset ? '365d' : 0,
    })
      .on('headers', (response: ServerResponse) => {
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
          response.setHeader(name, value);
        }
      })
      .on('error', (error: { status?: number }) => {
        json(res, error.status ?? 500, { ok: false, error: 'not found' });
      })
      .pipe(res);
  }

  function serveFile(req: IncomingMessage, res: ServerResponse, sha256: string) {
    const address = req.socket.remoteAddress ?? '';
    if (!approvedScreenOf(db, req) && !deps.mayOperate(address)) {
      json(res, 403, {
        ok: false,
        error: 'files are served to approved screens and consoles only',
      });
      return;
    }
    const file = isSha256(sha256) ? getFile(db, sha256) : undefined;
    if (!file) {
      json(res, 404, { ok: false, error: `no file ${sha256.slice(0, 64)}` });
      return;
    }
    send(req, deps.store.pathOf(file.sha256), { immutable: true, maxAge: '365d', etag: true })
      .on('headers', (response: ServerResponse) => {
        response.setHeader('Content-Type', file.mime);
        response.setHeader('X-Content-Type-Options', 'nosniff');
        // SVGs are images here, never documents that may run script.
        response.setHeader(
          'Content-Security-Policy',
          "default-src 'none'; style-src 'unsafe-inline'",
        );
      })
      .on('error', (error: { status?: number }) =>
        json(res, error.status ?? 500, { ok: false, error: 'file unavailable' }),
      )
      .pipe(res);
  }

  async function startScreenSession(req: IncomingMessage, res: ServerResponse) {
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (error) {
      json(res, 400, { ok: false, error: `body: ${(error as Error).message}` });
      return;
    }
    const parsed = sessionRequestSchema.safeParse(body);
    if (!parsed.success) {
      json(res, 400, { ok: false, error: describeIssues(parsed.error) });
      return;
    }
    const screen = getScreen(db, parsed.data.screenId);
    if (!screen || !keyMatches(parsed.data.key, screen.keyHash)) {
      json(res, 403, { ok: false, error: 'unknown screen or wrong key' });
      return;
    }
    if (!screen.approved) {
      json(res, 403, { ok: false, error: 'screen is waiting for approval' });
      return;
    }
    res.setHeader(
      'Set-Cookie',
      `${SCREEN_COOKIE}=${screen.id}.${parsed.data.key}; Path=/files; HttpOnly; SameSite=Strict; Max-Age=31536000`,
    );
    json(res, 200, { ok: true });
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://controller');
    const path = decodeURIComponent(url.pathname);
    const method = req.method ?? 'GET';
    try {
      if (path === '/api/health' && method === 'GET') {
        json(res, 200, { ok: true, version: deps.version, revision: deps.hall.current.revision });
      } else if (path === '/api/screens/session' && method === 'POST') {
        void startScreenSession(req, res).catch((error: unknown) => {
          log.error({ err: error }, 'screen session failed');
          if (!res.headersSent) json(res, 500, { ok: false, error: 'internal error' });
        });
      } else if (path.startsWith('/files/') && (method === 'GET' || method === 'HEAD')) {
        serveFile(req, res, path.slice('/files/'.length));
      } else if (path.startsWith('/api/')) {
        json(res, 404, { ok: false, error: `no route ${method} ${path}` });
      } else if (method !== 'GET' && method !== 'HEAD') {
        json(res, 405, { ok: false, error: `${method} is not allowed here` });
      } else if (path === '/screen' || path.startsWith('/screen/')) {
        serveStatic(req, res, screenRoot, path.slice('/screen'.length) || '/');
      } else {
        serveStatic(req, res, consoleRoot, path);
      }
    } catch (error) {
      log.error({ err: error, path }, 'request failed');
      if (!res.headersSent) json(res, 500, { ok: false, error: 'internal error' });
    }
  };
}
