import { existsSync } from 'node:fs';
import { handleHallPlan } from './hall-plan';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import send from 'send';
import { z } from 'zod';
import { manifestJsonSchema } from '../../../src-shared/manifest-json-schema';
import { describeIssues } from '../../../src-shared/protocol';
import type { Db } from '../db/open';
import { getScreen } from '../db/screens-table';
import type { Hall } from '../hall/hall';
import type { Logger } from '../logger';
import type { FileStore } from '../packs/file-store';
import type { PageUrls } from '../packs/page-urls';
import { keyMatches } from '../screens/screen-keys';
import { SCREEN_COOKIE, servePackPage, serveStoredFile } from './pack-files';
import { receivePackUpload, type UploadDeps } from './pack-upload';
import { json, readJson, SECURITY_HEADERS } from './respond';
import type { Access } from './access';
import { actorOf } from '../auth/principal';
import { withAuditAddress } from '../db/audit-table';

export interface HttpDeps {
  db: Db;
  hall: Hall;
  store: FileStore;
  pages: PageUrls;
  log: Logger;
  version: string;
  /** Built console and screen pages (vite output). */
  webRoot: string;
  /** Who is calling and what they may do (accounts, sessions, API tokens). */
  access: Access;
  /** Session, setup, accounts, tokens, audit and activate routes; true when it answered. */
  consoleApi: (req: IncomingMessage, res: ServerResponse, path: string) => boolean;
  upload: UploadDeps;
  /** Visitor pages under /hall (src-controller/server/visitor). */
  visitor?: (req: IncomingMessage, res: ServerResponse, path: string) => void;
  /** `GET /metrics` (Prometheus text format), for the addresses `mayRead` admits. */
  metrics?: {
    contentType: string;
    text(): Promise<string>;
    mayRead(address: string): boolean;
  };
  /** Told of every request that failed inside the controller (metrics). */
  onError?: () => void;
  /** `/cluster/…`: the hall's other nodes fetching packs (cluster mode); true when it answered. */
  clusterRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

const sessionRequestSchema = z.object({
  screenId: z.string().min(1).max(64),
  key: z.string().min(16).max(128),
});

/** The HTTP side of the controller: health, sessions, uploads, pack files and the web apps. */
export function createRequestHandler(deps: HttpDeps) {
  const { db, log } = deps;
  const consoleRoot = join(deps.webRoot, 'console');
  const screenRoot = join(deps.webRoot, 'screen');
  const schemaText = JSON.stringify(manifestJsonSchema, null, 2);

  function serveApp(req: IncomingMessage, res: ServerResponse, root: string, path: string) {
    if (!existsSync(join(root, 'index.html'))) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
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

  async function serveMetrics(
    res: ServerResponse,
    metrics: NonNullable<HttpDeps['metrics']>,
    address: string,
  ) {
    if (!metrics.mayRead(address)) {
      json(res, 403, {
        ok: false,
        error:
          'metrics are served to this machine only; start the controller with --metrics-from-network to let a monitoring server read them',
      });
      return;
    }
    const body = await metrics.text();
    res.writeHead(200, {
      'Content-Type': metrics.contentType,
      'Cache-Control': 'no-store',
      ...SECURITY_HEADERS,
    });
    res.end(body);
  }

  const failed = (res: ServerResponse) => (error: unknown) => {
    log.error({ err: error }, 'request failed');
    deps.onError?.();
    if (!res.headersSent) json(res, 500, { ok: false, error: 'internal error' });
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://controller').pathname);
    } catch {
      json(res, 400, { ok: false, error: 'the request path is not valid URL encoding' });
      return;
    }
    const method = req.method ?? 'GET';
    const reading = method === 'GET' || method === 'HEAD';
    try {
      if (path === '/api/health' && reading) {
        json(res, 200, { ok: true, version: deps.version, revision: deps.hall.current.revision });
      } else if (path.startsWith('/cluster/') && deps.clusterRoutes?.(req, res)) {
        // another node of the hall fetching a pack
      } else if (path === '/api/screens/session' && method === 'POST') {
        startScreenSession(req, res).catch(failed(res));
      } else if (handleHallPlan(req, res, path, deps)) {
        // the floor plan behind the hall view
      } else if (path.startsWith('/api/') && deps.consoleApi(req, res, path)) {
        // answered by the console API
      } else if (path === '/api/packs' && method === 'POST') {
        const caller = deps.access.authorize(req, res, 'curator', 'uploading packs');
        if (caller) {
          withAuditAddress(caller.address, () =>
            receivePackUpload(req, res, actorOf(caller.principal), deps.upload).catch(failed(res)),
          );
        }
      } else if (path === '/schema/pack-manifest.json' && reading) {
        res.writeHead(200, {
          'Content-Type': 'application/schema+json',
          'Cache-Control': 'no-cache',
          ...SECURITY_HEADERS,
        });
        res.end(schemaText);
      } else if (path === '/metrics' && reading && deps.metrics) {
        serveMetrics(res, deps.metrics, req.socket.remoteAddress ?? '').catch(failed(res));
      } else if (path.startsWith('/files/') && reading) {
        serveStoredFile(req, res, path.slice('/files/'.length), {
          ...deps,
          isConsoleUser: (r) => {
            const caller = deps.access.identify(r);
            return !('refusal' in caller) && caller.principal !== null;
          },
        });
      } else if (path.startsWith('/packs/') && reading) {
        servePackPage(req, res, path.slice('/packs/'.length), deps);
      } else if (path.startsWith('/api/')) {
        json(res, 404, { ok: false, error: `no route ${method} ${path}` });
      } else if (!reading) {
        json(res, 405, { ok: false, error: `${method} is not allowed here` });
      } else if ((path === '/hall' || path.startsWith('/hall/')) && deps.visitor) {
        deps.visitor(req, res, path);
      } else if (path === '/screen' || path.startsWith('/screen/')) {
        serveApp(req, res, screenRoot, path.slice('/screen'.length) || '/');
      } else {
        serveApp(req, res, consoleRoot, path);
      }
    } catch (error) {
      failed(res)(error);
    }
  };
}
