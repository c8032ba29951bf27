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

  controller.hall.activate('1', 'test');
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
  controller.hall.activate('3', 'test');
  const screen = await openScreen(controller.url, 'foyer', { width: 1280, height: 720 });
  await expect(screen.locator('[data-testid="pairing"]')).toContainText('foyer');
  await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '');
  await screen.screenshot({ path: screenshotPath('screen-waiting-approval.png') });

  await page.goto(controller.url);
  const row = page.locator('.screen[data-screen="foyer"]');
  await expect(row).toContainText('waiting for approval');
  await row.getByRole('button', { name: 'Approve' }).click();
  await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '3');
});

test('a screen keeps playing its theme when the controller goes away', async ({
  startHall,
  openScreen,
}) => {
  const controller = await startHall();
  controller.hall.activate('2', 'test');
  const screen = await openScreen(controller.url, 'resilient');
  const root = screen.locator('#screen-root');
  await expect(root).toHaveAttribute('data-theme', '2');
  await controller.close();
  await expect(root).toHaveAttribute('data-status', 'offline');
  await expect(root).toHaveAttribute('data-theme', '2');
  await expect(screen.locator('.player')).toBeVisible();
  await expect(screen.locator('.idle')).toHaveCount(0);
});
