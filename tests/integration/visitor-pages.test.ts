import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectConsole, connectScreen, loginCookie, type ConsoleSocket } from '../helpers/clients';
import { startTestHall, type TestHall } from '../helpers/controller';
import { TINY_PNG } from '../helpers/packs';
import { photoPng, uploadPack, visitorManifest } from '../helpers/visitor';

let hall: TestHall;
let consoleSocket: ConsoleSocket | undefined;

beforeEach(async () => {
  hall = await startTestHall({ publicUrl: 'http://hall.example.org:8080' });
});
afterEach(async () => {
  consoleSocket?.close();
  consoleSocket = undefined;
  await hall.cleanup();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${hall.controller.url}${path}`, { headers, redirect: 'manual' });

async function console_() {
  consoleSocket ??= await connectConsole(hall.controller.url);
  return consoleSocket;
}

const imageSlide = (src: string, zh: string, en: string) => ({
  type: 'image',
  src,
  duration: 5,
  caption: { zh, en },
});

describe('visitor pages', () => {
  it('list the published themes and show a theme in the phone language, switchable', async () => {
    const index = await get('/hall/', { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(index.status).toBe(200);
    const html = await index.text();
    expect(html).toContain('<html lang="zh-CN">');
    for (const id of ['alpha', 'beta']) expect(html).toContain(`href="/hall/${id}"`);

    const en = await (await get('/hall/alpha', { 'Accept-Language': 'en-GB,en;q=0.9' })).text();
    expect(en).toContain('<h1>First theme</h1>');
    expect(en).toContain('<figcaption>Picture</figcaption>');
    expect(en).not.toContain('第一主题');

    const zh = await (await get('/hall/alpha', { 'Accept-Language': 'fr, zh-TW;q=0.5' })).text();
    expect(zh).toContain('<h1>第一主题</h1>');
    expect(zh).toContain('<figcaption>图片</figcaption>');

    const choose = await get('/hall/alpha?lang=en');
    expect(choose.status).toBe(303);
    expect(choose.headers.get('location')).toBe('/hall/alpha');
    const cookie = (choose.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toBe('hallcue_lang=en');
    const chosen = await (
      await get('/hall/alpha', { Cookie: cookie, 'Accept-Language': 'zh' })
    ).text();
    expect(chosen).toContain('<h1>First theme</h1>');

    // A theme key leads to the pack on that key.
    const byKey = await get('/hall/2');
    expect(byKey.status).toBe(302);
    expect(byKey.headers.get('location')).toBe('/hall/beta');
  });

  it('are cacheable with an ETag naming the pack version, and follow publish and rollback at once', async () => {
    const url = hall.controller.url;
    const v1 = await uploadPack(
      url,
      visitorManifest('kept', '1.0.0', [imageSlide('a.png', '第一版', 'First version')]),
      [{ name: 'a.png', data: await photoPng(40, 30, 1) }],
    );
    const v2 = await uploadPack(
      url,
      visitorManifest('kept', '2.0.0', [imageSlide('b.png', '第二版', 'Second version')]),
      [{ name: 'b.png', data: await photoPng(40, 30, 2) }],
    );
    const socket = await console_();
    expect(await socket.emitWithAck('publishTheme', { key: '5', packVersionId: v1 })).toEqual({
      ok: true,
      data: null,
    });

    const first = await get('/hall/kept', { 'Accept-Language': 'en' });
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(new RegExp(`^"v${v1}-en-`));
    const page1 = await first.text();
    expect(page1).toContain('First version');
    expect(page1).not.toContain('Second version');
    const file1 = /\/hall\/kept\/f\/([0-9a-f]{64})/.exec(page1)?.[0] ?? '';
    expect((await get(file1)).status).toBe(200);

    const again = await get('/hall/kept', { 'Accept-Language': 'en', 'If-None-Match': etag });
    expect(again.status).toBe(304);

    // Publishing v2 changes the page at once; v1's file is no longer served here.
    expect((await socket.emitWithAck('publishTheme', { key: '5', packVersionId: v2 })).ok).toBe(
      true,
    );
    const after = await get('/hall/kept', { 'Accept-Language': 'en', 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).toMatch(new RegExp(`^"v${v2}-en-`));
    const page2 = await after.text();
    expect(page2).toContain('Second version');
    expect(page2).not.toContain('First version');
    expect((await get(file1)).status).toBe(404);

    // Rolling back brings v1 back, and v2's file disappears.
    const file2 = /\/hall\/kept\/f\/([0-9a-f]{64})/.exec(page2)?.[0] ?? '';
    expect((await socket.emitWithAck('rollbackTheme', { key: '5' })).ok).toBe(true);
    expect(await (await get('/hall/kept', { 'Accept-Language': 'en' })).text()).toContain(
      'First version',
    );
    expect((await get(file2)).status).toBe(404);
    expect((await get(file1)).status).toBe(200);
  });

  it('never show unpublished packs, their files, screen names or who operated', async () => {
    const url = hall.controller.url;
    const png = await photoPng(20, 20, 9);
    const sha = createHash('sha256').update(png).digest('hex');
    await uploadPack(
      url,
      visitorManifest('secret', '1.0.0', [imageSlide('s.png', '未发布', 'Unpublished')]),
      [{ name: 's.png', data: png }],
    );
    const screen = connectScreen(url, { name: 'lobby-left-screen' });
    await screen.welcome;
    try {
      expect((await get('/hall/secret')).status).toBe(404);
      const index = await (await get('/hall/')).text();
      expect(index).not.toContain('secret');
      // The unpublished file, asked for directly and under a published theme's address.
      expect((await get(`/hall/secret/f/${sha}`)).status).toBe(404);
      expect((await get(`/hall/alpha/f/${sha}`)).status).toBe(404);
      expect((await get(`/hall/alpha/f/${sha}?w=480`)).status).toBe(404);
      for (const path of ['/hall/', '/hall/alpha', '/hall/beta']) {
        const body = await (await get(path)).text();
        expect(body).not.toContain('lobby-left-screen');
        expect(body).not.toContain('console@');
        expect(body).not.toContain('Unpublished');
      }
    } finally {
      screen.close();
    }
  });

  it('refuse files of other packs and unknown paths under a published theme', async () => {
    const alpha = await (await get('/hall/alpha')).text();
    const beta = await (await get('/hall/beta')).text();
    const alphaFile = /\/f\/([0-9a-f]{64})/.exec(alpha)?.[1] ?? '';
    const betaFile = /\/f\/([0-9a-f]{64})/.exec(beta)?.[1] ?? '';
    expect(alphaFile).not.toBe(betaFile);
    expect((await get(`/hall/alpha/f/${alphaFile}`)).status).toBe(200);
    expect((await get(`/hall/alpha/f/${betaFile}`)).status).toBe(404);
    expect((await get(`/hall/alpha/f/${alphaFile}?w=123`)).status).toBe(404);
    expect((await get('/hall/alpha/page/manifest.json')).status).toBe(404);
    expect((await get('/hall/alpha/nothing')).status).toBe(404);
  });

  it('serve phone-sized WebP copies of large photos, with sizes in the page', async () => {
    const url = hall.controller.url;
    const id = await uploadPack(
      url,
      visitorManifest('photos', '1.0.0', [imageSlide('big.png', '大图', 'Big')]),
      [{ name: 'big.png', data: await photoPng(1600, 900) }],
    );
    expect(
      (await (await console_()).emitWithAck('publishTheme', { key: '6', packVersionId: id })).ok,
    ).toBe(true);
    const html = await (await get('/hall/photos')).text();
    const img = /<img [^>]+>/.exec(html)?.[0] ?? '';
    expect(img).toContain('width="1600" height="900"');
    expect(img).toMatch(/srcset="[^"]+\?w=480 480w, [^"]+\?w=960 960w, [^"]+ 1600w"/);
    expect(img).toContain('fetchpriority="high"');
    const src = /src="([^"]+)"/.exec(img)?.[1] ?? '';
    expect(src).toMatch(/\?w=480$/);
    const small = await get(src);
    expect(small.headers.get('content-type')).toBe('image/webp');
    const bytes = Buffer.from(await small.arrayBuffer());
    expect((await sharp(bytes).metadata()).width).toBe(480);
    expect(bytes.length).toBeLessThan(40_000);
  });

  it('show html slides in a sandboxed frame served with a sandbox policy', async () => {
    const url = hall.controller.url;
    const id = await uploadPack(
      url,
      visitorManifest('framed', '1.0.0', [
        { type: 'html', src: 'page/index.html', duration: 5, caption: { zh: '网页', en: 'Page' } },
      ]),
      [
        {
          name: 'page/index.html',
          data: Buffer.from(
            '<!doctype html><html><body><script src="app.js"></script></body></html>',
          ),
        },
        { name: 'page/app.js', data: Buffer.from('document.body.textContent = "hi";') },
      ],
    );
    expect(
      (await (await console_()).emitWithAck('publishTheme', { key: '7', packVersionId: id })).ok,
    ).toBe(true);
    const html = await (await get('/hall/framed')).text();
    const frame = /<iframe [^>]+>/.exec(html)?.[0] ?? '';
    expect(frame).toContain('sandbox="allow-scripts"');
    expect(frame).not.toContain('allow-same-origin');
    const page = await get('/hall/framed/page/page/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain('sandbox allow-scripts');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'none'");
    const script = await get('/hall/framed/page/page/app.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
  });
});

describe('visitor page settings', () => {
  it('an administrator switches the pages off, limits them, and sets the public address', async () => {
    const socket = await console_();
    const initial = await socket.emitWithAck('saveVisitorSettings', {
      enabled: true,
      onlyPacks: null,
      publicUrl: null,
    });
    expect(initial).toMatchObject({
      ok: true,
      data: { publicUrl: 'http://hall.example.org:8080', publicUrlSource: 'flag' },
    });

    const off = await socket.emitWithAck('saveVisitorSettings', {
      enabled: false,
      onlyPacks: null,
      publicUrl: null,
    });
    expect(off.ok).toBe(true);
    expect((await get('/hall/')).status).toBe(404);
    expect((await get('/hall/alpha')).status).toBe(404);
    expect((await get('/hall/alpha/qr.svg')).status).toBe(404);

    const limited = await socket.emitWithAck('saveVisitorSettings', {
      enabled: true,
      onlyPacks: ['beta'],
      publicUrl: 'https://museum.example.cn/',
    });
    expect(limited).toMatchObject({
      ok: true,
      data: {
        publicUrl: 'https://museum.example.cn',
        publicUrlSource: 'setting',
        themes: [
          { key: '1', packId: 'alpha', visible: false },
          {
            key: '2',
            packId: 'beta',
            visible: true,
            pageUrl: 'https://museum.example.cn/hall/beta',
          },
          { key: '3', packId: 'gamma', visible: false },
        ],
      },
    });
    expect((await get('/hall/alpha')).status).toBe(404);
    expect((await get('/hall/beta')).status).toBe(200);
    const index = await (await get('/hall/')).text();
    expect(index).toContain('/hall/beta');
    expect(index).not.toContain('/hall/alpha');

    // Bad settings are refused with the reason, and nothing changes.
    const bad = await socket.emitWithAck('saveVisitorSettings', {
      enabled: true,
      onlyPacks: ['Not A Pack'],
      publicUrl: 'ftp://x',
    } as never);
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).toContain('must be an http:// or https:// address');
    expect((await get('/hall/alpha')).status).toBe(404);
    expect((await get('/hall/beta')).status).toBe(200);

    // Each accepted change is audited once, with what was set; the refused one is not.
    const audited = hall.controller.db
      .prepare(`SELECT detail FROM audit_log WHERE action = 'visitor.settings' ORDER BY id`)
      .all() as { detail: string }[];
    expect(audited.map((row) => (JSON.parse(row.detail) as { enabled: boolean }).enabled)).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('only administrators may change them', async () => {
    const admin = await loginCookie(hall.controller.url);
    const created = await fetch(`${hall.controller.url}/api/accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', cookie: admin },
      body: JSON.stringify({ username: 'cura', password: 'a long password 1', role: 'curator' }),
    });
    expect(created.status).toBe(201);
    const curator = await connectConsole(hall.controller.url, {
      cookie: await loginCookie(hall.controller.url, {
        username: 'cura',
        password: 'a long password 1',
      }),
    });
    try {
      const refused = await curator.emitWithAck('saveVisitorSettings', {
        enabled: false,
        onlyPacks: null,
        publicUrl: null,
      });
      expect(refused.ok).toBe(false);
      expect(JSON.stringify(refused)).toContain('administrator');
      expect((await get('/hall/alpha')).status).toBe(200);
    } finally {
      curator.close();
    }
  });

  it('slides with qr carry the visitor page address only while that page is public', async () => {
    const url = hall.controller.url;
    const id = await uploadPack(
      url,
      visitorManifest('scan-me', '1.0.0', [
        { ...imageSlide('q.png', '扫码', 'Scan'), qr: true },
        imageSlide('q.png', '无码', 'No code'),
      ]),
      [{ name: 'q.png', data: TINY_PNG }],
    );
    const socket = await console_();
    expect((await socket.emitWithAck('publishTheme', { key: '8', packVersionId: id })).ok).toBe(
      true,
    );
    expect((await socket.emitWithAck('activate', { key: '8' })).ok).toBe(true);
    const slides = hall.controller.hall.stateFor('main').presentation?.slides ?? [];
    expect(slides[0]?.qrUrl).toBe('http://hall.example.org:8080/hall/scan-me');
    expect(slides[1]?.qrUrl).toBeUndefined();

    await socket.emitWithAck('saveVisitorSettings', {
      enabled: true,
      onlyPacks: ['alpha'],
      publicUrl: null,
    });
    expect(hall.controller.hall.stateFor('main').presentation?.slides[0]?.qrUrl).toBeUndefined();
  });

  it('rate-limits each address and says when to come back', async () => {
    await hall.restart({ visitorRateLimit: { burst: 4, perSecond: 0.01 } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get('/hall/')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const limited = await get('/hall/alpha');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other routes (screens, consoles) are not counted against visitors.
    expect((await get('/api/health')).status).toBe(200);
  });
});
