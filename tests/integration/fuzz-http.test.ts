import { request } from 'node:http';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreenWelcome } from '../../src-shared/protocol';
import { connectScreen, loginCookie, type TestScreen } from '../helpers/clients';
import { startTestHall, type TestHall } from '../helpers/controller';

/**
 * Property-based fuzzing of every HTTP route: methods, paths (traversal in every encoding),
 * headers (credentials, ranges, content types) and bodies. Fixed seed, bounded runs. The
 * controller must answer every request with a deliberate status (never 500), keep answering,
 * and never hand out anything outside its store or another screen's secrets.
 */
const SEED = 7_2027;
const RUNS = 300;
const SECRET = 'TOP-SECRET-OUTSIDE-THE-DATA-DIR';

let hall: TestHall;
let victim: TestScreen;
let victimWelcome: ScreenWelcome;
let fileSha: string;
let root: string;

beforeAll(async () => {
  hall = await startTestHall({ packLimits: { maxTotalBytes: 256 * 1024 } });
  root = dirname(hall.dataDir);
  // Files an escaping path would reach: beside the data dir, and pages of a web root.
  writeFileSync(join(root, 'secret.txt'), SECRET);
  const web = join(root, 'web');
  for (const app of ['console', 'screen']) {
    mkdirSync(join(web, app, 'assets'), { recursive: true });
    writeFileSync(join(web, app, 'index.html'), `<!doctype html><title>${app}</title>`);
  }
  await hall.restart({ webRoot: web, packLimits: { maxTotalBytes: 256 * 1024 } });
  await hall.controller.hall.activate('1', 'test');
  victim = connectScreen(hall.controller.url, { name: 'victim' });
  victimWelcome = await victim.welcome;
  const state = await victim.nextState();
  fileSha = /\/files\/([0-9a-f]{64})/.exec(JSON.stringify(state))![1]!;
});
afterAll(async () => {
  victim?.close();
  await hall?.cleanup();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer | null,
  localAddress?: string,
  host = '127.0.0.1',
): Promise<Answer> {
  const port = hall.controller.port;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host,
        port,
        method,
        path,
        headers,
        agent: false,
        ...(localAddress ? { localAddress } : {}),
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

const segment = fc.oneof(
  fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '%2E%2E%2F',
    '..%2f',
    '..%5c',
    '..\\..',
    '%00',
    '%',
    '%zz',
    '%c0%ae%c0%ae',
    '',
    'hallcue.db',
    'secret.txt',
    'etc',
    'passwd',
    'files',
    'data',
    'index.html',
    '.tmp',
    encodeURIComponent('展厅'),
    '1',
    'token',
  ),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  fc.stringMatching(/^[0-9a-f]{64}$/),
);
const prefix = fc.constantFrom(
  '/',
  '/api/',
  '/api/health',
  '/api/packs',
  '/api/screens/session',
  '/files/',
  '/packs/',
  '/packs/1/',
  '/screen',
  '/screen/',
  '/assets/',
  '/schema/pack-manifest.json',
  '/metrics',
  '//',
);
const path = fc
  .tuple(
    prefix,
    fc.array(segment, { maxLength: 6 }),
    fc.constantFrom('', '?a=1', '?__proto__[x]=1', '#x'),
  )
  .map(([p, segments, query]) => `${p}${segments.join('/')}${query}`);
const method = fc.constantFrom(
  'GET',
  'GET',
  'HEAD',
  'POST',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'TRACE',
);
const headers = fc.record(
  {
    cookie: fc.oneof(
      fc.string({ maxLength: 100 }).map((v) => `hallcue_screen=${encodeURIComponent(v)}`),
      fc.constant('hallcue_screen=' + 'a'.repeat(4000)),
      fc.constant('hallcue_screen=victim.wrong-key-0000000000'),
    ),
    authorization: fc.oneof(
      fc.string({ maxLength: 80 }).map((v) => `Screen ${v.replace(/\s/g, '')}`),
      fc.constant('Bearer x'),
      fc.constant('Screen .'),
    ),
    'content-type': fc.constantFrom(
      'application/json',
      'application/zip',
      'text/plain',
      'multipart/form-data; boundary=x',
    ),
    range: fc.constantFrom(
      'bytes=0-',
      'bytes=-1',
      'bytes=99999999-',
      'bytes=a-b',
      'bytes=0-0,1-1,2-2',
    ),
    'x-upload-id': fc.string({ maxLength: 100 }).map(encodeURIComponent),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.constant(null),
  fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a)),
  fc.anything({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  fc.constant(
    Buffer.from('{"screenId":"' + 'x'.repeat(100) + '","key":"' + 'k'.repeat(200) + '"}'),
  ),
  fc.constant(Buffer.from('['.repeat(5000))),
);

const leftUploads = () => {
  const dir = join(hall.dataDir, 'uploads');
  return existsSync(dir) ? readdirSync(dir) : [];
};

function expectSafe(answer: Answer, label: string) {
  expect(answer.status, label).toBeGreaterThanOrEqual(200);
  expect(answer.status, label).toBeLessThan(600);
  expect(answer.status, `${label}: internal error`).not.toBe(500);
  const text = answer.body.toString('latin1');
  expect(text, label).not.toContain(SECRET);
  expect(text, label).not.toContain('SQLite format 3');
  expect(text, label).not.toContain('root:x:0:0');
  expect(text, label).not.toContain(victimWelcome.key!);
  if (
    String(answer.headers['content-type']).startsWith('application/json') &&
    answer.status >= 400 &&
    answer.body.length > 0
  ) {
    const json = JSON.parse(answer.body.toString('utf8')) as { ok: boolean; error: string };
    expect(json.ok, label).toBe(false);
    expect(json.error.length, label).toBeGreaterThan(0);
  }
}

/** An address of this machine that is not loopback, so requests from it count as "remote". */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((net) => net && net.family === 'IPv4' && !net.internal)?.address;

describe('fuzzing HTTP routes', () => {
  it(
    'every method, path, header and body gets a deliberate answer and nothing escapes',
    { timeout: 120_000 },
    async () => {
      const before = readdirSync(root).sort();
      await fc.assert(
        fc.asyncProperty(method, path, headers, body, async (m, p, h, b) => {
          const answer = await send(m, p, h, m === 'GET' || m === 'HEAD' ? null : b);
          expectSafe(answer, `${m} ${p}`);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      // Still serving, nothing written outside the data directory, no upload left behind.
      expect((await send('GET', '/api/health', {}, null)).status).toBe(200);
      expect(readdirSync(root).sort()).toEqual(before);
      expect(leftUploads()).toEqual([]);
    },
  );

  it('/files/ needs a screen or console credential, even on the controller machine', async () => {
    expect((await send('GET', `/files/${fileSha}`, {}, null)).status).toBe(403);
    const asScreen = await send(
      'GET',
      `/files/${fileSha}`,
      { authorization: `Screen ${victimWelcome.screenId}.${victimWelcome.key}` },
      null,
    );
    expect(asScreen.status).toBe(200);
    const asUser = await send(
      'GET',
      `/files/${fileSha}`,
      { cookie: await loginCookie(hall.controller.url) },
      null,
    );
    expect(asUser.status).toBe(200);
  });

  it('traversal in every encoding never reaches a file outside the store', async () => {
    for (const p of [
      '/files/../secret.txt',
      '/files/..%2f..%2fsecret.txt',
      '/files/%2e%2e/%2e%2e/secret.txt',
      '/packs/1/x/..%2f..%2f..%2fsecret.txt',
      '/assets/..%2f..%2f..%2fsecret.txt',
      '/screen/assets/..%2f..%2f..%2f..%2fsecret.txt',
      '/..%2f..%2fsecret.txt',
      '/%2e%2e/%2e%2e/data/hallcue.db',
      '/files/..%5c..%5challcue.db',
    ]) {
      const answer = await send('GET', p, {}, null);
      expectSafe(answer, p);
      expect(answer.body.toString()).not.toContain(SECRET);
    }
  });

  it('uploads over the size limit are refused before they are stored', async () => {
    const big = Buffer.alloc(300 * 1024, 1);
    const cookie = await loginCookie(hall.controller.url);
    const declared = await send(
      'POST',
      '/api/packs',
      { 'content-length': String(big.length), cookie },
      big,
    );
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body.toString()).error).toMatch(/the upload is 300\.0 KiB|limit is/);
    // No Content-Length (chunked): counted while streaming, refused once past the limit.
    const chunked = await send(
      'POST',
      '/api/packs',
      { 'transfer-encoding': 'chunked', cookie },
      big,
    );
    expect(chunked.status).toBe(400);
    expect(JSON.parse(chunked.body.toString()).error).toMatch(/larger than/);
    expect(leftUploads()).toEqual([]);
  });

  it.runIf(lanAddress)('from another machine, /files/ needs a screen credential', async () => {
    const get = (headers: Record<string, string>) =>
      send('GET', `/files/${fileSha}`, headers, null, lanAddress, lanAddress);
    expect(hall.controller.url).toContain('127.0.0.1');
    await hall.restart({ host: '0.0.0.0', webRoot: join(root, 'web') });
    await fc.assert(
      fc.asyncProperty(headers, async (h) => {
        const answer = await get(h);
        expect(answer.status).toBe(403);
        expectSafe(answer, 'remote /files/');
      }),
      { seed: SEED + 1, numRuns: 60, endOnFailure: true },
    );
    const ok = await get({
      authorization: `Screen ${victimWelcome.screenId}.${victimWelcome.key}`,
    });
    expect(ok.status).toBe(200);
  });
});
