import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCacheHandler, parseRange, sniffContentType } from '../../../src-main/cache-protocol';
import { FileCache, type Fetcher } from '../../../src-main/file-cache';

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(100, 1),
]);
// 1000 bytes of a fake MP4: "ftyp" at offset 4, then a counting pattern to check ranges.
const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x20]),
  Buffer.from('ftypisom'),
  Buffer.from(Array.from({ length: 988 }, (_, i) => i % 251)),
]);

describe('sniffContentType', () => {
  it.each([
    ['png', PNG, 'image/png'],
    ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['gif', Buffer.from('GIF89a\x01\x00'), 'image/gif'],
    ['webp', Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 '), 'image/webp'],
    ['webm', Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f]), 'video/webm'],
    ['mp4', MP4, 'video/mp4'],
    ['svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml'],
    [
      'svg with prolog',
      Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- logo -->\n<svg viewBox="0 0 1 1"></svg>'),
      'image/svg+xml',
    ],
    ['html', Buffer.from('<html><body>svg</body></html>'), 'application/octet-stream'],
    ['text', Buffer.from('hello'), 'application/octet-stream'],
  ])('recognizes %s', (_label, bytes, type) => {
    expect(sniffContentType(bytes)).toBe(type);
  });
});

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=900-', { start: 900, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=5-1', undefined],
    ['bytes=0-1,5-6', undefined],
    ['items=0-1', undefined],
    ['bytes=-', undefined],
  ] as const)('%s of 1000 bytes', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('createCacheHandler', () => {
  let dir: string;
  let cache: FileCache;
  let fetcher: ReturnType<typeof vi.fn<Fetcher>>;
  let handle: (request: Request) => Promise<Response>;
  const remote = new Map<string, Buffer>();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hallcue-cache-protocol-'));
    cache = await FileCache.open({ dir, maxBytes: 1_000_000 });
    remote.clear();
    for (const file of [PNG, MP4]) remote.set(sha(file), file);
    fetcher = vi.fn<Fetcher>(async (wanted) => {
      const bytes = remote.get(wanted);
      if (!bytes) throw new Error('404 from controller');
      return Readable.from([bytes]);
    });
    handle = createCacheHandler(cache, fetcher);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (sha256: string, headers: Record<string, string> = {}, method = 'GET') =>
    handle(new Request(`hallcue-file://${sha256}`, { method, headers }));

  it('downloads a missing file once and serves it with its sniffed type', async () => {
    const first = await get(sha(PNG));
    expect(first.status).toBe(200);
    expect(first.headers.get('Content-Type')).toBe('image/png');
    expect(first.headers.get('Content-Length')).toBe(String(PNG.length));
    expect(first.headers.get('Accept-Ranges')).toBe('bytes');
    expect(Buffer.from(await first.arrayBuffer())).toEqual(PNG);

    const second = await get(sha(PNG));
    expect(Buffer.from(await second.arrayBuffer())).toEqual(PNG);
    expect(fetcher).toHaveBeenCalledOnce();
  });

  it('serves a byte range with 206 and Content-Range', async () => {
    const response = await get(sha(MP4), { Range: 'bytes=100-199' });
    expect(response.status).toBe(206);
    expect(response.headers.get('Content-Type')).toBe('video/mp4');
    expect(response.headers.get('Content-Range')).toBe('bytes 100-199/1000');
    expect(response.headers.get('Content-Length')).toBe('100');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(MP4.subarray(100, 200));
  });

  it('serves an open-ended and a suffix range', async () => {
    const tail = await get(sha(MP4), { Range: 'bytes=-10' });
    expect(tail.headers.get('Content-Range')).toBe('bytes 990-999/1000');
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(MP4.subarray(990));
    const rest = await get(sha(MP4), { Range: 'bytes=995-' });
    expect(Buffer.from(await rest.arrayBuffer())).toEqual(MP4.subarray(995));
  });

  it('answers 416 for a range past the end', async () => {
    const response = await get(sha(MP4), { Range: 'bytes=1000-1001' });
    expect(response.status).toBe(416);
    expect(response.headers.get('Content-Range')).toBe('bytes */1000');
  });

  it('answers HEAD without a body', async () => {
    const response = await get(sha(PNG), {}, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Length')).toBe(String(PNG.length));
    expect(response.body).toBeNull();
  });

  it.each([
    ['a short name', 'hallcue-file://abc'],
    ['a path after the name', `hallcue-file://${'a'.repeat(64)}/extra`],
    ['a name that is not hex', `hallcue-file://${'z'.repeat(64)}`],
  ])('answers 400 for %s', async (_label, url) => {
    const response = await handle(new Request(url));
    expect(response.status).toBe(400);
    expect(fetcher).not.toHaveBeenCalled();
  });

  it('answers 404 when the file cannot be obtained', async () => {
    const response = await get('f'.repeat(64));
    expect(response.status).toBe(404);
  });

  it('answers 404, caching nothing, when the download does not match its name', async () => {
    const wanted = 'e'.repeat(64);
    remote.set(wanted, Buffer.from('not the right bytes'));
    expect((await get(wanted)).status).toBe(404);
    expect(cache.held()).toEqual([]);
  });

  it('refuses other methods', async () => {
    expect((await get(sha(PNG), {}, 'POST')).status).toBe(405);
  });
});
