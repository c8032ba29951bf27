import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { connectConsole } from '../helpers/clients';
import { photoPng, uploadPack, visitorManifest } from '../helpers/visitor';
import { expect, screenshotPath, test } from './fixtures';

const PHONE = { width: 390, height: 844 };
const DEMO = join(import.meta.dirname, '..', '..', 'assets', 'packs');
const PUBLIC_URL = 'http://hall.example.org:7400';

/**
 * First view of a text-and-image theme on a phone: every byte transferred (headers and
 * compressed bodies) from navigation until the network is idle, without scrolling.
 */
const FIRST_VIEW_BUDGET = 300 * 1024;
/** A theme with a 3D model, after scrolling to the model: the viewer and the model loaded. */
const MODEL_VIEW_BUDGET = 450 * 1024;

const work = mkdtempSync(join(tmpdir(), 'hallcue-visitor-ui-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

async function phone(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
  });
  return context.newPage();
}

/** Counts the bytes a page transfers: response headers plus encoded bodies. */
function meter(page: Page) {
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    sizes.push(request.sizes().then((s) => s.responseHeadersSize + s.responseBodySize));
  });
  return async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
}

function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

test('a theme page shows its slides and captions in zh and en at phone size', async ({
  browser,
  startHall,
}) => {
  const controller = await startHall({ publicUrl: PUBLIC_URL });
  const page = await phone(browser, 'zh-CN');
  await page.goto(`${controller.url}/hall/`);
  await expect(page.locator('h1')).toHaveText('展览主题');
  await expect(page.locator('a.theme')).toHaveCount(3);
  await page.screenshot({ path: screenshotPath('visitor-index-zh.png') });

  await page.locator('a.theme[data-pack="congress-report"]').click();
  await expect(page.locator('h1')).toHaveText('大会图文报告');
  const slides = page.locator('li.slide');
  await expect(slides).toHaveCount(7);
  await expect(slides.nth(1).locator('figcaption')).toHaveText('大会隆重开幕');
  await expect(slides.nth(1).locator('video')).toHaveAttribute('controls', '');
  await expect(slides.nth(2).locator('figcaption')).toHaveText('代表们齐聚一堂，共商发展大计');
  await expect(slides.nth(3).locator('h2')).toHaveText('奋进新征程');
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: screenshotPath('visitor-theme-zh.png') });
  await page.screenshot({ path: screenshotPath('visitor-theme-zh-full.png'), fullPage: true });

  await page.getByTestId('language-switch').click();
  await expect(page.locator('h1')).toHaveText('Graphic report of the congress');
  await expect(page).toHaveURL(`${controller.url}/hall/congress-report`);
  await expect(slides.nth(1).locator('figcaption')).toHaveText('The congress opens');
  await expect(slides.nth(3).locator('h2')).toHaveText('Forging ahead on a new journey');
  await expect(page.locator('body')).not.toContainText('大会隆重开幕');
  await page.screenshot({ path: screenshotPath('visitor-theme-en.png') });

  // An English phone gets English without choosing.
  const english = await phone(browser, 'en-US');
  await english.goto(`${controller.url}/hall/constitution-points`);
  await expect(english.locator('h1')).toHaveText('13 key points of the revised constitution');
  await english.close();
});

test('the first view of a text-and-image theme stays within its size budget', async ({
  browser,
  startHall,
}) => {
  const controller = await startHall();
  const page = await phone(browser, 'zh-CN');
  const transferred = meter(page);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.goto(`${controller.url}/hall/congress-report`, { waitUntil: 'networkidle' });
  const bytes = await transferred();
  // No model on this theme: no script at all.
  expect(scripts).toEqual([]);
  console.log(`visitor first view (congress-report, 390x844 @2x): ${(bytes / 1024).toFixed(1)} KB`);
  expect(bytes).toBeGreaterThan(5 * 1024);
  expect(bytes).toBeLessThan(FIRST_VIEW_BUDGET);
});

test('a model turns under a finger on the phone', async ({ browser, startHall }) => {
  const controller = await startHall();
  const page = await phone(browser, 'en-US');
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  const transferred = meter(page);
  await page.goto(`${controller.url}/hall/political-birthday`, { waitUntil: 'networkidle' });
  const model = page.locator('.model');
  await model.scrollIntoViewIfNeeded();
  await expect(model).toHaveAttribute('data-state', 'ready');
  await expect(model.locator('canvas')).toBeVisible();
  expect(scripts.some((url) => url.includes('model-3d'))).toBe(true);
  await page.waitForLoadState('networkidle');
  const bytes = await transferred();
  console.log(`visitor model theme after scrolling to the model: ${(bytes / 1024).toFixed(1)} KB`);
  expect(bytes).toBeLessThan(MODEL_VIEW_BUDGET);

  // A drag turns the model: the canvas shows something else afterwards.
  await page.waitForTimeout(300);
  const before = await model.screenshot();
  const box = await model.boundingBox();
  if (!box) throw new Error('model has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  expect(Buffer.compare(before, await model.screenshot())).not.toBe(0);
  await page.screenshot({ path: screenshotPath('visitor-model-en.png') });
});

test('printable QR codes decode to the theme page at the public address', async ({
  page,
  startHall,
}) => {
  const controller = await startHall({ publicUrl: PUBLIC_URL });
  const png = await page.request.get(`${controller.url}/hall/constitution-points/qr.png`);
  expect(png.headers()['content-type']).toBe('image/png');
  const print = PNG.sync.read(await png.body());
  expect([print.width, print.height]).toEqual([2048, 2048]);
  const small = await page.request.get(
    `${controller.url}/hall/constitution-points/qr.png?size=600`,
  );
  expect(decodeQr(await small.body())).toBe(`${PUBLIC_URL}/hall/constitution-points`);

  // The SVG, drawn by the browser, decodes too.
  await page.setViewportSize({ width: 600, height: 600 });
  await page.goto(`${controller.url}/hall/constitution-points/qr.svg`);
  const shot = await page.screenshot();
  expect(decodeQr(shot)).toBe(`${PUBLIC_URL}/hall/constitution-points`);
});

test('unpublished content is absent from the visitor pages, even by direct address', async ({
  browser,
  startHall,
}) => {
  // Only key 1 is published; a second pack is uploaded below and never published.
  const demo = join(work, 'unpublished-demo');
  cpSync(join(DEMO, '2-constitution-points'), join(demo, '1-constitution-points'), {
    recursive: true,
  });
  const controller = await startHall({ demoPacksDir: demo });
  const page = await phone(browser, 'zh-CN');
  // A never-published version uploaded through the console's upload route.
  const png = await photoPng(64, 48, 4);
  await uploadPack(
    controller.url,
    visitorManifest('secret-exhibit', '1.0.0', [
      { type: 'image', src: 's.png', duration: 5, caption: { zh: '保密展品', en: 'Secret' } },
    ]),
    [{ name: 's.png', data: png }],
  );
  const sha = createHash('sha256').update(png).digest('hex');

  await page.goto(`${controller.url}/hall/`);
  await expect(page.locator('a.theme')).toHaveCount(1);
  await expect(page.locator('body')).not.toContainText('保密展品');
  const direct = await page.goto(`${controller.url}/hall/secret-exhibit`);
  expect(direct?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('没有找到这个页面');
  for (const path of [
    `/hall/secret-exhibit/f/${sha}`,
    `/hall/constitution-points/f/${sha}`,
    `/hall/secret-exhibit/qr.png`,
  ]) {
    const answer = await page.request.get(`${controller.url}${path}`);
    expect(answer.status(), path).toBe(404);
  }
  await page.screenshot({ path: screenshotPath('visitor-not-found-zh.png') });
});

test('a screen shows a model turning and a readable QR code to the visitor page', async ({
  startHall,
  openScreen,
}) => {
  const demo = join(work, 'model-demo');
  const pack = join(demo, '1-trophy');
  mkdirSync(join(pack, 'media'), { recursive: true });
  cpSync(
    join(DEMO, '3-political-birthday', 'media', 'trophy.glb'),
    join(pack, 'media', 'trophy.glb'),
  );
  writeFileSync(
    join(pack, 'manifest.json'),
    JSON.stringify({
      format: 'hallcue-pack/1',
      id: 'trophy',
      version: '1.0.0',
      title: { zh: '荣誉奖杯', en: 'Trophy' },
      description: { zh: '模型', en: 'Model' },
      roles: {
        main: {
          slides: [
            {
              type: 'model',
              src: 'media/trophy.glb',
              duration: 120,
              qr: true,
              caption: { zh: '荣誉奖杯：三十年坚守的见证', en: 'The trophy of honour' },
            },
          ],
        },
      },
    }),
  );
  // Key 2: a photo with a long caption beside its QR code.
  const photo = join(demo, '2-photo');
  mkdirSync(join(photo, 'media'), { recursive: true });
  cpSync(join(DEMO, '2-constitution-points', 'media', 'cover.svg'), join(photo, 'media', 'c.svg'));
  writeFileSync(
    join(photo, 'manifest.json'),
    JSON.stringify({
      format: 'hallcue-pack/1',
      id: 'photo-qr',
      version: '1.0.0',
      title: { zh: '图片', en: 'Photo' },
      description: { zh: '图片', en: 'Photo' },
      roles: {
        main: {
          slides: [
            {
              type: 'image',
              src: 'media/c.svg',
              duration: 120,
              qr: true,
              caption: {
                zh: '尊崇宪法、学习宪法、遵守宪法、维护宪法，让宪法精神深入人心，扫码阅读全部十三个要点',
                en: 'Respect, learn, observe and uphold the Constitution: scan the code to read all thirteen points on your phone',
              },
            },
          ],
        },
      },
    }),
  );
  const controller = await startHall({ demoPacksDir: demo, publicUrl: PUBLIC_URL });
  const screen = await openScreen(controller.url, 'model-screen', { width: 1280, height: 720 });
  const operator = await connectConsole(controller.url);
  try {
    await expect
      .poll(async () => (await operator.emitWithAck('activate', { key: '1' })).ok)
      .toBe(true);
  } finally {
    operator.close();
  }
  await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '1');
  await expect(screen.locator('.model-stage')).toHaveAttribute('data-model-state', 'ready');
  const qr = screen.locator('.slide-qr');
  await expect(qr).toHaveAttribute('data-qr-url', `${PUBLIC_URL}/hall/trophy`);
  const qrBox = await qr.boundingBox();
  // At least 160 px on a 720-line screen: readable from a couple of metres.
  expect(qrBox?.width ?? 0).toBeGreaterThanOrEqual(160);
  expect(decodeQr(await screen.locator('.slide-qr-code').screenshot())).toBe(
    `${PUBLIC_URL}/hall/trophy`,
  );
  // The model turns by itself.
  const canvas = screen.locator('.model-canvas');
  const first = await canvas.screenshot();
  await screen.waitForTimeout(1500);
  expect(Buffer.compare(first, await canvas.screenshot())).not.toBe(0);
  await screen.screenshot({ path: screenshotPath('screen-model-qr.png') });

  const again = await connectConsole(controller.url);
  try {
    expect((await again.emitWithAck('activate', { key: '2' })).ok).toBe(true);
  } finally {
    again.close();
  }
  await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '2');
  await expect(screen.locator('.slide-qr')).toHaveAttribute(
    'data-qr-url',
    `${PUBLIC_URL}/hall/photo-qr`,
  );
  await screen.waitForTimeout(1000);
  const caption = await screen.locator('.caption-zh').last().boundingBox();
  const code = await screen.locator('.slide-qr').boundingBox();
  expect((caption?.x ?? 0) + (caption?.width ?? 0)).toBeLessThanOrEqual(code?.x ?? 0);
  await screen.screenshot({ path: screenshotPath('screen-image-qr.png') });
});

test('the console limits the visitor pages and sets the address printed QR codes hold', async ({
  page,
  startHall,
}) => {
  const controller = await startHall({ publicUrl: PUBLIC_URL });
  await page.setViewportSize({ width: 1440, height: 1200 });
  await page.goto(controller.url);
  const panel = page.getByTestId('visitor-panel');
  await page.locator('.language-switch button[lang="en"]').click();
  await expect(panel).toContainText('Visitor pages');
  await expect(panel).toContainText(`${PUBLIC_URL}`);
  await expect(panel.locator('li[data-pack]')).toHaveCount(3);

  await panel.getByTestId('visitor-some').check();
  await panel.locator('li[data-pack="congress-report"] input[type=checkbox]').uncheck();
  await panel.getByTestId('visitor-public-url').fill('https://museum.example.cn');
  await panel.getByTestId('visitor-save').click();
  await expect(panel.locator('li[data-pack="congress-report"]')).toContainText('not public');
  await expect(panel).toContainText('https://museum.example.cn');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: screenshotPath('console-visitor-panel-en.png') });
  await page.locator('.language-switch button[lang="zh-CN"]').click();
  await expect(panel).toContainText('访客页面');
  await expect(panel.locator('li[data-pack="congress-report"]')).toContainText('未公开');
  await panel.screenshot({ path: screenshotPath('console-visitor-panel-zh.png') });

  expect((await page.request.get(`${controller.url}/hall/congress-report`)).status()).toBe(404);
  expect((await page.request.get(`${controller.url}/hall/constitution-points`)).status()).toBe(200);
  const href = await panel
    .locator('li[data-pack="constitution-points"] a', { hasText: '打印用 PNG' })
    .getAttribute('href');
  const png = await page.request.get(`${controller.url}${href ?? ''}?size=600`);
  expect(decodeQr(await png.body())).toBe('https://museum.example.cn/hall/constitution-points');

  // A bad address is refused with the reason, and what was saved stays.
  await panel.getByTestId('visitor-public-url').fill('museum');
  await panel.getByTestId('visitor-save').click();
  await expect(panel.getByRole('alert')).toContainText('must be an http:// or https:// address');
  expect((await page.request.get(`${controller.url}/hall/constitution-points`)).status()).toBe(200);
});
