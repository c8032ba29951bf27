import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP, appPageUrl, createAppHandler, isAppUrl } from '../../../src-main/app-protocol';

describe('createAppHandler', () => {
  let outer: string;
  let root: string;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(() => {
    outer = mkdtempSync(join(tmpdir(), 'hallcue-app-'));
    root = join(outer, 'screen');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>screen</title>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'style.css'), 'body{}');
    writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
    writeFileSync(join(root, 'assets', 'font.woff2'), 'w');
    writeFileSync(join(outer, 'secret.txt'), 'SECRET');
    handle = createAppHandler(root, { base: '/screen/' });
  });
  afterAll(() => {
    rmSync(outer, { recursive: true, force: true });
  });

  const get = (path: string, method = 'GET') =>
    handle(new Request(`hallcue://app${path}`, { method }));

  it('serves index.html for / with the CSP', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Content-Security-Policy')).toBe(APP_CSP);
    expect(await response.text()).toContain('<title>screen</title>');
  });

  it('sets the required CSP directives', () => {
    expect(APP_CSP).toBe(
      "default-src 'self'; img-src 'self' hallcue-file: data: blob:; media-src 'self' hallcue-file: blob:; connect-src 'self' http: https: ws: wss:; frame-src http: https:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'",
    );
  });

  it.each([
    ['/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['/screen/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['/assets/style.css', 'text/css; charset=utf-8', 'body{}'],
    ['/assets/logo.svg', 'image/svg+xml', '<svg/>'],
    ['/assets/font.woff2', 'font/woff2', 'w'],
    ['/index.html?screen=a&controller=http%3A%2F%2Fhall', 'text/html; charset=utf-8', '<!doctype'],
  ])('serves %s as %s', async (path, type, start) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(type);
    expect(await response.text()).toMatch(new RegExp(`^${start.replace(/[()]/g, '\\$&')}`));
  });

  it.each(['/screen', '/screen/', '/some/route', '/pairing'])(
    'serves index.html for the route %s',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>screen</title>');
    },
  );

  it('answers 404 for a missing asset instead of HTML', async () => {
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/secret.txt%00.js',
    '/%E0%A4%A.js',
  ])('never leaves the root for %s', async (path) => {
    const response = await get(path);
    const text = await response.text();
    expect(text).not.toContain('SECRET');
    // Either refused, or normalized by URL parsing to a path inside the root.
    expect([200, 404]).toContain(response.status);
  });

  it('refuses encoded separators with 404', async () => {
    expect((await get('/..%2fsecret.txt')).status).toBe(404);
    expect((await get('/assets%2fstyle.css')).status).toBe(404);
  });

  it('answers 404 for another host of the scheme', async () => {
    expect((await handle(new Request('hallcue://evil/index.html'))).status).toBe(404);
  });

  it('answers HEAD without a body and refuses POST', async () => {
    const head = await get('/assets/style.css', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('Content-Length')).toBe('6');
    expect(head.body).toBeNull();
    expect((await get('/', 'POST')).status).toBe(405);
  });

  it('works without a base', async () => {
    const plain = createAppHandler(root);
    const response = await plain(new Request('hallcue://app/assets/style.css'));
    expect(await response.text()).toBe('body{}');
    expect((await plain(new Request('hallcue://app/screen/assets/style.css'))).status).toBe(404);
  });
});

describe('isAppUrl', () => {
  it.each([
    ['hallcue://app/index.html', true],
    ['hallcue://app', true],
    ['hallcue://other/index.html', false],
    ['http://app/index.html', false],
    ['data:text/html,<h1>x', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('appPageUrl', () => {
  it('names the screen and lists every controller', () => {
    const url = new URL(appPageUrl('Écran 2', ['http://a:7400', 'http://b:7400']));
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe('hallcue://app/index.html');
    expect(url.searchParams.get('screen')).toBe('Écran 2');
    expect(url.searchParams.getAll('controller')).toEqual(['http://a:7400', 'http://b:7400']);
  });
});
