import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PresentedSlide } from '../../src-shared/presentation';
import { connectConsole, connectScreen, loginCookie, type TestScreen } from '../helpers/clients';
import { startTestHall, type TestHall } from '../helpers/controller';
import { buildZip } from '../helpers/zip';

let hall: TestHall;
let screen: TestScreen | undefined;

const PAGE = '<!doctype html><html><body><h1>Hi</h1><script src="app.js"></script></body></html>';
const SCRIPT = "document.querySelector('h1').textContent = 'Hello from the pack';";

const manifest = {
  format: 'hallcue-pack/1',
  id: 'page-pack',
  version: '1.0.0',
  title: { zh: '网页', en: 'A page' },
  description: { zh: '测试', en: 'Test' },
  roles: { main: { slides: [{ type: 'html', src: 'page/index.html', duration: 5 }] } },
};

/** Uploads the html pack, publishes it to key 5, switches to it; returns the page's URL. */
async function showPagePack(): Promise<{ url: string; packVersionId: number }> {
  const zip = buildZip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)), deflate: true },
    { name: 'page/index.html', data: Buffer.from(PAGE), deflate: true },
    { name: 'page/app.js', data: Buffer.from(SCRIPT) },
  ]);
  const res = await fetch(`${hall.controller.url}/api/packs`, {
    method: 'POST',
    body: new Uint8Array(zip),
    headers: { 'X-Upload-Id': 'page-1', cookie: await loginCookie(hall.controller.url) },
  });
  expect(res.status).toBe(200);
  const answer = (await res.json()) as { data: { packVersionId: number } };
  const packVersionId = answer.data.packVersionId;

  screen = connectScreen(hall.controller.url, { name: 'page-screen' });
  await screen.nextState((s) => s.revision === 0);
  const console = await connectConsole(hall.controller.url);
  try {
    expect(await console.emitWithAck('publishTheme', { key: '5', packVersionId })).toEqual({
      ok: true,
      data: null,
    });
    expect((await console.emitWithAck('activate', { key: '5' })).ok).toBe(true);
  } finally {
    console.close();
  }
  const state = await screen.nextState((s) => s.revision === 1);
  expect(state.presentation).toMatchObject({ themeKey: '5', packId: 'page-pack' });
  const slides = state.presentation?.slides ?? [];
  expect(slides).toHaveLength(1);
  const slide = slides[0] as PresentedSlide;
  expect(slide).toMatchObject({ type: 'html', durationMs: 5000 });
  if (slide.type !== 'html') throw new Error('expected an html slide');
  return { url: slide.url, packVersionId };
}

const get = (path: string) => fetch(`${hall.controller.url}${path}`);

beforeEach(async () => {
  hall = await startTestHall();
});
afterEach(async () => {
  screen?.close();
  screen = undefined;
  await hall.cleanup();
});

describe('html slides', () => {
  it('reach screens as a capability URL under /packs/', async () => {
    const { url, packVersionId } = await showPagePack();
    expect(url).toMatch(
      new RegExp(`^/packs/${packVersionId}/[A-Za-z0-9_-]{32}/page/index\\.html$`),
    );
  });

  it('serve the page sandboxed: scripts run, but no network and no framing by others', async () => {
    const { url } = await showPagePack();
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('sandbox allow-scripts');
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toContain('allow-same-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(PAGE);
  });

  it('serve the files beside the page by their relative path', async () => {
    const { url } = await showPagePack();
    const res = await get(url.replace(/index\.html$/, 'app.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('content-security-policy')).toContain('sandbox allow-scripts');
    expect(await res.text()).toBe(SCRIPT);
  });

  it('answer 404 to a wrong token, a token of another version, or a file not in the pack', async () => {
    const { url, packVersionId } = await showPagePack();
    const [, , , token] = url.split('/');
    expect(token).toHaveLength(32);
    const wrong = `${token!.startsWith('A') ? 'B' : 'A'}${token!.slice(1)}`;

    const wrongToken = await get(url.replace(token!, wrong));
    expect(wrongToken.status).toBe(404);
    expect(await wrongToken.json()).toEqual({ ok: false, error: 'no such page' });

    // Demo pack versions 1-3 exist; a token is bound to its own version.
    const otherVersion = await get(url.replace(`/packs/${packVersionId}/`, '/packs/1/'));
    expect(otherVersion.status).toBe(404);

    expect((await get(url.replace(/index\.html$/, 'missing.js'))).status).toBe(404);
    expect((await get(url.replace(/page\/index\.html$/, 'manifest.json'))).status).toBe(404);
    expect((await get(url.replace(/index\.html$/, '%2e%2e/manifest.json'))).status).toBe(404);
    expect((await get(`/packs/${packVersionId}/${token!}`)).status).toBe(404);
  });
});

describe('the manifest JSON Schema', () => {
  it('is served at /schema/pack-manifest.json', async () => {
    const res = await get('/schema/pack-manifest.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/schema+json');
    const schema = (await res.json()) as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    expect(schema.properties).toHaveProperty('roles');
    expect(schema.properties).toHaveProperty('format');
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'id', 'version', 'roles']));
  });
});
