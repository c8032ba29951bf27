import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { SHA256_PATTERN } from '../src-shared/protocol';
import type { Fetcher, FileCache } from './file-cache';

/** Scheme under which pages load cached pack files: `hallcue-file://<sha256>`. */
export const FILE_SCHEME = 'hallcue-file';

/** Options for createCacheHandler. */
export interface CacheHandlerOptions {
  /** Origin allowed to read files with fetch(); media elements need no CORS. */
  allowOrigin?: string;
}

/** Content type of a file from its first bytes: the kinds a pack may hold, else octet-stream. */
export function sniffContentType(head: Uint8Array): string {
  const ascii = (start: number, text: string) =>
    [...text].every((char, i) => head[start + i] === char.charCodeAt(0));
  const bytes = (start: number, expected: number[]) =>
    expected.every((byte, i) => head[start + i] === byte);

  if (bytes(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (bytes(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (bytes(0, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  if (ascii(4, 'ftyp')) return 'video/mp4';
  // SVG is text: an XML declaration, comments or a doctype may come before the <svg> element.
  const text = new TextDecoder().decode(head).replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('<') && /<svg[\s>]/i.test(text)) return 'image/svg+xml';
  return 'application/octet-stream';
}

async function readHead(path: string, length = 1024): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

type ByteRange = { start: number; end: number } | 'unsatisfiable' | undefined;

/**
 * One `bytes=a-b`, `bytes=a-` or `bytes=-n` range, clamped to the file; undefined for anything
 * else (multiple ranges, other units, nonsense), which RFC 9110 lets a server answer in full.
 */
export function parseRange(header: string | null, size: number): ByteRange {
  const match = header === null ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

function bodyOf(path: string, start: number, end: number): ReadableStream<Uint8Array> {
  // Node's and the DOM's ReadableStream types differ only on paper; Response accepts either.
  return Readable.toWeb(
    createReadStream(path, { start, end }),
  ) as unknown as ReadableStream<Uint8Array>;
}

/**
 * Handler for `protocol.handle('hallcue-file', …)`: serves `hallcue-file://<sha256>` from the
 * cache, downloading through `fetcher` on a miss. Only verified bytes are ever served, so a file
 * missing from the cache is answered once the whole download has been checked.
 */
export function createCacheHandler(
  cache: Pick<FileCache, 'ensure'>,
  fetcher: Fetcher,
  options: CacheHandlerOptions = {},
): (request: Request) => Promise<Response> {
  const allowOrigin = options.allowOrigin ?? 'hallcue://app';
  // Files never change under their name, so each type is sniffed once.
  const types = new Map<string, string>();

  return async (request) => {
    const plain = (status: number, text: string, extra: Record<string, string> = {}) =>
      new Response(text, { status, headers: { 'Content-Type': 'text/plain', ...extra } });

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'method not allowed', { Allow: 'GET, HEAD' });
    }
    let sha: string;
    try {
      const url = new URL(request.url);
      sha = url.pathname === '' || url.pathname === '/' ? url.hostname.toLowerCase() : '';
    } catch {
      sha = '';
    }
    if (!SHA256_PATTERN.test(sha)) return plain(400, 'expected hallcue-file://<sha256>');

    let path: string;
    let size: number;
    try {
      path = await cache.ensure(sha, fetcher);
      size = (await stat(path)).size;
    } catch {
      // Offline, unknown to the controller, or content that failed its hash: all the same here.
      return plain(404, 'file not available');
    }
    let type = types.get(sha);
    if (type === undefined) {
      type = sniffContentType(await readHead(path));
      types.set(sha, type);
    }

    const headers: Record<string, string> = {
      'Content-Type': type,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      // As on the controller: an SVG opened as a document must not run script.
      'Content-Security-Policy': "default-src 'none'",
      'Access-Control-Allow-Origin': allowOrigin,
    };
    const head = request.method === 'HEAD';
    const range = parseRange(request.headers.get('Range'), size);
    if (range === 'unsatisfiable') {
      return plain(416, 'range not satisfiable', { 'Content-Range': `bytes */${size}` });
    }
    if (range === undefined) {
      headers['Content-Length'] = String(size);
      const body = head || size === 0 ? null : bodyOf(path, 0, size - 1);
      return new Response(body, { status: 200, headers });
    }
    headers['Content-Length'] = String(range.end - range.start + 1);
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
    return new Response(head ? null : bodyOf(path, range.start, range.end), {
      status: 206,
      headers,
    });
  };
}
