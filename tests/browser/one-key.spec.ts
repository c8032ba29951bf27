import { dirname } from 'node:path';
import { expect, screenshotPath, test } from './fixtures';

test('pressing 2 on the console switches all three screens to theme 2', async ({
  page,
  startHall,
  openScreen,
}) => {
  const controller = await startHall();
  const screens = await Promise.all(
    ['hall-left', 'hall-centre', 'hall-right'].map((name) => openScreen(controller.url, name)),
  );
  for (const screen of screens) {
    await expect(screen.locator('#screen-root')).toHaveAttribute('data-status', 'online');
  }

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(controller.url);
  await expect(page.locator('.connection')).toContainText('connected');
  await expect(page.locator('.screen.online')).toHaveCount(3);
  // Each screen fetched every theme's files and verified their sha256: all keys are armed.
  for (const key of ['1', '2', '3']) {
    await expect(page.locator(`.theme-key[data-key="${key}"] .armed`)).toHaveText(
      '● armed on all 3 screens',
    );
  }
  await page.screenshot({ path: screenshotPath('console-idle.png') });

  await page.keyboard.press('2');

  for (const screen of screens) {
    const root = screen.locator('#screen-root');
    await expect(root).toHaveAttribute('data-theme', '2');
    await expect(root).toHaveAttribute('data-revision', '1');
    await expect(root).toHaveAttribute('data-slide', '0');
  }
  await expect(page.locator('.theme-key[data-key="2"]')).toHaveClass(/on-air/);
  await expect(page.locator('.history tr')).toHaveCount(1);
  // The switch report: every screen reported its first frame; the spread is measured, not claimed.
  await expect(page.getByTestId('switch-report')).toHaveText(/^3\/3 screens · spread [\d.]+ ms$/);
  await expect(page.locator('.screen-detail').first()).toContainText('showing 2');
  await page.screenshot({ path: screenshotPath('console-on-air.png') });
  await screens[0]!.screenshot({ path: screenshotPath('screen-theme-2.png') });

  // Clicking works as well as the keyboard.
  await page.locator('.theme-key[data-key="1"]').click();
  for (const screen of screens) {
    await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '1');
  }
});

test('a screen shows the idle picture before any switch and plays images with CJK text', async ({
  startHall,
  openScreen,
}) => {
  const controller = await startHall();
  const screen = await openScreen(controller.url, 'lobby', { width: 1920, height: 1080 });
  const root = screen.locator('#screen-root');
  await expect(root).toHaveAttribute('data-status', 'online');
  await expect(screen.locator('.idle-time')).toBeVisible();
  await screen.screenshot({ path: screenshotPath('screen-idle.png') });

  await controller.hall.activate('1', 'test');
  await expect(root).toHaveAttribute('data-theme', '1');
  // Every image on the slide has really loaded (the file session and the store work).
  await expect
    .poll(() =>
      screen.evaluate(() =>
        [...document.images].every((img) => img.complete && img.naturalWidth > 0),
      ),
    )
    .toBe(true);
  await screen.screenshot({ path: screenshotPath('screen-theme-1.png') });
  // No scroll bars, whatever the content.
  const overflow = await screen.evaluate(() => ({
    x: document.documentElement.scrollWidth > window.innerWidth,
    y: document.documentElement.scrollHeight > window.innerHeight,
  }));
  expect(overflow).toEqual({ x: false, y: false });
});

test('an unapproved screen shows its name and nothing else until approved in the console', async ({
  page,
  startHall,
  openScreen,
}) => {
  const controller = await startHall({ trustLoopback: false });
  await controller.hall.activate('3', 'test');
  const screen = await openScreen(controller.url, 'foyer', { width: 1280, height: 720 });
  await expect(screen.locator('[data-testid="pairing"]')).toContainText('foyer');
  await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '');
  await screen.screenshot({ path: screenshotPath('screen-waiting-approval.png') });

  const code = (await screen.getByTestId('pairing-code').innerText()).replace(/\s/g, '');
  expect(code).toMatch(/^\d{6}$/);

  await page.goto(controller.url);
  const row = page.locator('.screen[data-screen="foyer"]');
  await expect(row).toContainText('waiting for approval');
  // A wrong code is refused with a message and the screen stays dark.
  await row.getByLabel('pairing code shown on foyer').fill(code === '123456' ? '654321' : '123456');
  await row.getByRole('button', { name: 'Approve' }).click();
  await expect(row.locator('.screen-error')).toContainText('is not the code on screen "foyer"');
  await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '');

  await row.getByLabel('pairing code shown on foyer').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await row.getByRole('button', { name: 'Approve' }).click();
  await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '3');

  // Revoking stops it at once: content gone, a new pairing code on the screen.
  await row.getByRole('button', { name: 'Revoke' }).click();
  await row.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '');
  await expect(screen.getByTestId('pairing-code')).toBeVisible();
  await expect(row).toContainText('revoked');
});

test('a screen reloaded while the controller is down resumes the last theme on the right slide', async ({
  startHall,
  openScreen,
}) => {
  const controller = await startHall();
  const screen = await openScreen(controller.url, 'power-cut');
  const root = screen.locator('#screen-root');
  await expect(root).toHaveAttribute('data-status', 'online');
  await controller.hall.activate('2', 'test');
  await expect(root).toHaveAttribute('data-theme', '2');
  // Keep the page's code and media cached, then lose the controller and reload (a power cut).
  const html = await (await screen.request.get(`${controller.url}/screen?screen=power-cut`)).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/screen\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  const bodies = new Map<string, Buffer>();
  for (const asset of assets) {
    bodies.set(asset, await (await screen.request.get(`${controller.url}${asset}`)).body());
  }
  await controller.close();
  // The browser build stands in for the screen app's bundled renderer: served locally, offline.
  await screen.route('**/*', async (route) => {
    const path = new URL(route.request().url()).pathname;
    const body = bodies.get(path);
    if (path === '/screen') await route.fulfill({ body: html, contentType: 'text/html' });
    else if (body) {
      await route.fulfill({
        body,
        contentType: path.endsWith('.css') ? 'text/css' : 'text/javascript',
      });
    } else await route.abort();
  });
  await screen.reload();
  await expect(root).toHaveAttribute('data-theme', '2');
  await expect(root).toHaveAttribute('data-status', 'offline');
  await expect(root).toHaveAttribute('data-slide', /^[0-9]+$/);
  await expect(screen.locator('.idle')).toHaveCount(0);
});

test('a screen keeps playing its theme while the controller is away, and rejoins when it returns', async ({
  startHall,
  openScreen,
}) => {
  const controller = await startHall();
  await controller.hall.activate('2', 'test');
  const screen = await openScreen(controller.url, 'resilient');
  const root = screen.locator('#screen-root');
  await expect(root).toHaveAttribute('data-theme', '2');
  await controller.close();
  await expect(root).toHaveAttribute('data-status', 'offline');
  await expect(root).toHaveAttribute('data-theme', '2');
  await expect(screen.locator('.player')).toBeVisible();
  await expect(screen.locator('.idle')).toHaveCount(0);

  // The controller comes back on the same address and data: the screen reconnects by itself,
  // still showing theme 2, and follows the next press.
  const again = await startHall({ port: controller.port, dataDir: dirname(controller.db.name) });
  await expect(root).toHaveAttribute('data-status', 'online', { timeout: 15_000 });
  await expect(root).toHaveAttribute('data-theme', '2');
  await again.hall.activate('3', 'test');
  await expect(root).toHaveAttribute('data-theme', '3');
});
