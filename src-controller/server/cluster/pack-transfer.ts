import { createHash, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import yazl from 'yazl';
import type { Db } from '../db/open';
import { findPackVersion, packVersionFiles } from '../db/packs-table';
import { json, SECURITY_HEADERS } from '../http/respond';
import type { FileStore } from '../packs/file-store';
import { formatBytes } from '../packs/pack-limits';
import type { PackRef } from '../packs/pack-library';
import { fingerprintOf } from './library-entries';

/** The header a node shows the hall's secret in when it asks another node for a pack. */
export const SECRET_HEADER = 'x-hallcue-cluster-secret';
/** The serving node's fingerprint of what it sends, for the receiver to compare. */
export const FINGERPRINT_HEADER = 'x-hallcue-pack-fingerprint';

const ROUTE = /^\/cluster\/packs\/([^/]+)\/([^/]+)\.hcpack$/;

/** Where another node of the hall fetches pack version `ref` from the node at `baseUrl`. */
export const packUrl = (baseUrl: string, ref: PackRef) =>
  `${baseUrl.replace(/\/+$/, '')}/cluster/packs/${encodeURIComponent(ref.packId)}/${encodeURIComponent(ref.version)}.hcpack`;

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares in constant time (both sides hashed first, so lengths never leak either). */
export function secretMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export interface PackRouteDeps {
  db: Db;
  store: FileStore;
  /** Whether `given` is the hall's secret (may refresh it from Redis once). */
  checkSecret(given: string): Promise<boolean>;
}

/**
 * `GET /cluster/packs/<packId>/<version>.hcpack`: a version this node holds, as a pack zip built
 * from its store on the fly (the manifest and every file under its path), for the hall's other
 * nodes only. Answers false when the path is not this route.
 */
export function servePackRoute(req: IncomingMessage, res: ServerResponse, deps: PackRouteDeps) {
  let path: string;
  try {
    path = new URL(req.url ?? '/', 'http://node').pathname;
  } catch {
    return false;
  }
  if (!path.startsWith('/cluster/')) return false;
  const match = ROUTE.exec(path);
  if (!match || (req.method !== 'GET' && req.method !== 'HEAD')) {
    json(res, 404, { ok: false, error: `no route ${req.method ?? 'GET'} ${path}` });
    return true;
  }
  const given = req.headers[SECRET_HEADER];
  void (async () => {
    if (typeof given !== 'string' || !(await deps.checkSecret(given))) {
      json(res, 403, { ok: false, error: "packs are served to this hall's other nodes only" });
      return;
    }
    let ref: PackRef;
    try {
      ref = {
        packId: decodeURIComponent(match[1] ?? ''),
        version: decodeURIComponent(match[2] ?? ''),
      };
    } catch {
      json(res, 400, { ok: false, error: 'the pack name is not valid URL encoding' });
      return;
    }
    const row = findPackVersion(deps.db, ref.packId, ref.version);
    if (!row) {
      json(res, 404, { ok: false, error: `this node does not hold ${ref.packId} ${ref.version}` });
      return;
    }
    const zip = new yazl.ZipFile();
    // A file missing or damaged in this node's store ends the answer early: the receiver's
    // import then refuses the truncated zip, and nothing of it is kept there.
    const broken = (error: unknown) => res.destroy(error as Error);
    zip.on('error', broken);
    // Media is already compressed and the next hop is a LAN: store everything as it is.
    zip.addBuffer(Buffer.from(JSON.stringify(row.manifest, null, 2)), 'manifest.json', {
      compress: false,
      mtime: new Date(0),
    });
    for (const [filePath, file] of packVersionFiles(deps.db, row.id)) {
      // Lazily: a pack of thousands of files must not hold thousands of open files.
      zip.addReadStreamLazy(
        filePath,
        { compress: false, mtime: new Date(0), size: file.size },
        (cb) => cb(null, createReadStream(deps.store.pathOf(file.sha256)).on('error', broken)),
      );
    }
    zip.end();
    res.writeHead(200, {
      'Content-Type': 'application/zip',
      'Cache-Control': 'no-store',
      [FINGERPRINT_HEADER]: fingerprintOf(deps.db, ref) ?? '',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await pipeline(zip.outputStream, res);
  })().catch(() => res.destroy());
  return true;
}

export class FetchError extends Error {
  constructor(
    message: string,
    /** HTTP status, when the other node answered at all. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

/**
 * Downloads pack version `ref` from the node at `baseUrl` into `dest`. Gives up when no byte
 * arrives for `idleMs`, or past `maxBytes`; answers the fingerprint the other node claimed.
 */
export async function fetchPack(
  baseUrl: string,
  ref: PackRef,
  options: { secret: string; dest: string; maxBytes: number; idleMs: number; signal: AbortSignal },
): Promise<{ bytes: number; fingerprint: string }> {
  const abort = new AbortController();
  const stop = () => abort.abort();
  options.signal.addEventListener('abort', stop, { once: true });
  let idle = setTimeout(stop, options.idleMs);
  const alive = () => {
    clearTimeout(idle);
    idle = setTimeout(stop, options.idleMs);
  };
  try {
    let response: Response;
    try {
      response = await fetch(packUrl(baseUrl, ref), {
        headers: { [SECRET_HEADER]: options.secret },
        signal: abort.signal,
      });
    } catch (error) {
      throw new FetchError(
        abort.signal.aborted ? `no answer within ${options.idleMs / 1000} s` : causeOf(error),
      );
    }
    if (response.status !== 200 || !response.body) {
      const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
      const reason = typeof body?.error === 'string' ? body.error : response.statusText;
      throw new FetchError(`HTTP ${response.status}: ${reason}`, response.status);
    }
    let bytes = 0;
    try {
      await pipeline(
        Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            alive();
            bytes += chunk.length;
            if (bytes > options.maxBytes)
              done(new FetchError(`more than ${formatBytes(options.maxBytes)} arrived`));
            else done(null, chunk);
          },
        }),
        createWriteStream(options.dest, { flags: 'wx' }),
      );
    } catch (error) {
      if (error instanceof FetchError) throw error;
      throw new FetchError(
        abort.signal.aborted
          ? `the download stalled for ${options.idleMs / 1000} s after ${formatBytes(bytes)}`
          : `the download broke off after ${formatBytes(bytes)}: ${causeOf(error)}`,
      );
    }
    return { bytes, fingerprint: response.headers.get(FINGERPRINT_HEADER) ?? '' };
  } finally {
    clearTimeout(idle);
    options.signal.removeEventListener('abort', stop);
  }
}

/** fetch() hides the useful part (ECONNREFUSED…) in `cause`. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `cannot connect to the node (${cause.code})`;
  return cause?.message ?? (error as Error).message;
}
