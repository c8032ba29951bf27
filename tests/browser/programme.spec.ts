import { expect, screenshotPath, test } from './fixtures';

// Monday 23 November 2026, 13:55 in Shanghai.
const MONDAY_1355 = Date.UTC(2026, 10, 23, 5, 55);

test('a programmed theme fires at its time, a manual press holds until then, resume hands back', async ({
  page,
  startHall,
  openScreen,
}) => {
  let now = MONDAY_1355;
  const controller = await startHall({
    wallClock: () => now,
    timeZone: 'Asia/Shanghai',
    programmeTickMs: 0,
  });
  const screen = await openScreen(controller.url, 'programme-wall');
  const root = screen.locator('#screen-root');
  await expect(root).toHaveAttribute('data-status', 'online');

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${controller.url}/#/programme`);
  await expect(page.getByText('Asia/Shanghai')).toBeVisible();
  await page.getByLabel('Run the programme').check();
  await page.getByLabel('Attract loop theme').selectOption('1');
  await page.getByRole('button', { name: 'Add a time' }).click();
  const slot = page.locator('.slot-editor').first();
  await slot.getByLabel('Theme').selectOption('3');
  await slot.getByLabel(/minutes/).fill('30');
  await page.getByTestId('save-programme').click();
  await expect(page.getByRole('status')).toContainText('Saved');
  // Open on Monday at 13:55: the attract loop plays.
  await expect(root).toHaveAttribute('data-theme', '1');
  await expect(page.locator('.week-slot')).toHaveCount(5);
  await page.screenshot({ path: screenshotPath('console-programme.png'), fullPage: true });
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.screenshot({ path: screenshotPath('console-programme-768.png'), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });

  // A manual press takes over.
  await page.getByRole('tab', { name: 'Hall', exact: true }).click();
  await page.keyboard.press('2');
  await expect(root).toHaveAttribute('data-theme', '2');
  await expect(page.getByTestId('resume-programme')).toBeVisible();
  await page.screenshot({ path: screenshotPath('console-programme-overridden.png') });

  // 14:00: the talk starts on its own and the manual press ends.
  now += 5 * 60_000;
  controller.programme.tick();
  await expect(root).toHaveAttribute('data-theme', '3');
  await expect(page.getByTestId('resume-programme')).toHaveCount(0);
  await expect(page.getByTestId('programme-line')).toContainText('3 ·');

  // Another press, then "Resume programme": back to the talk at once.
  await page.keyboard.press('1');
  await expect(root).toHaveAttribute('data-theme', '1');
  await page.getByTestId('resume-programme').click();
  await expect(root).toHaveAttribute('data-theme', '3');

  // 14:30: the talk's half hour is up; the attract loop returns.
  now += 30 * 60_000;
  controller.programme.tick();
  await expect(root).toHaveAttribute('data-theme', '1');
});
