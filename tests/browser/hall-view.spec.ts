import { join } from 'node:path';
import { expect, screenshotPath, test } from './fixtures';

const PLAN = join(
  import.meta.dirname,
  '..',
  '..',
  'assets',
  'packs',
  '1-congress-report',
  'media',
  'opening-poster.png',
);

test('the hall view: screens placed by dragging, live miniatures, a floor plan, zones', async ({
  page,
  startHall,
  openScreen,
}) => {
  const controller = await startHall();
  const [lobby] = await Promise.all(
    ['lobby', 'side'].map((name) => openScreen(controller.url, name)),
  );
  await controller.hall.activate('1', 'test');
  await expect(lobby!.locator('#screen-root')).toHaveAttribute('data-theme', '1');

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${controller.url}/#/view`);
  const canvas = page.getByTestId('hall-canvas');
  await expect(canvas).toBeVisible();
  // Both screens wait in the tray until placed; each already shows its miniature.
  const tile = page.locator('.hall-tile[data-screen="lobby"]');
  await expect(tile).toBeVisible();
  await expect(tile.locator('.miniature img')).toHaveCount(1);
  await expect(tile).toContainText('armed');

  // Drag the lobby screen onto the plan: its place is stored.
  await tile.hover();
  const box = (await canvas.boundingBox())!;
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.4, { steps: 8 });
  await page.mouse.up();
  await expect
    .poll(
      () =>
        controller.db
          .prepare("SELECT plan_x AS x, plan_y AS y FROM screens WHERE name = 'lobby'")
          .get() as { x: number | null; y: number | null },
    )
    .toMatchObject({ x: expect.closeTo(0.25, 1), y: expect.closeTo(0.4, 1) });
  await expect(canvas.locator('.hall-tile[data-screen="lobby"]')).toBeVisible();

  // The keyboard places too: arrows move the focused screen.
  const before = controller.db
    .prepare("SELECT plan_x AS x FROM screens WHERE name = 'lobby'")
    .get() as { x: number };
  await canvas.locator('.hall-tile[data-screen="lobby"]').focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expect
    .poll(
      () =>
        (
          controller.db.prepare("SELECT plan_x AS x FROM screens WHERE name = 'lobby'").get() as {
            x: number;
          }
        ).x,
    )
    .toBeCloseTo(before.x + 0.05, 3);

  // A floor plan replaces the grid.
  await page.locator('.file-button input').setInputFiles(PLAN);
  await expect(page.locator('.hall-plan')).toBeVisible();
  await expect
    .poll(() => page.locator('.hall-plan').evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);

  // A blackout shows on the miniatures.
  await controller.hall.setOverride({ kind: 'blackout' }, 'test');
  await expect(canvas.locator('.hall-tile[data-screen="lobby"] .mini-black')).toBeVisible();
  await controller.hall.setOverride(null, 'test');
  await expect(canvas.locator('.hall-tile[data-screen="lobby"] .miniature img')).toHaveCount(1);
  await page.screenshot({ path: screenshotPath('console-hall-view.png') });
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.screenshot({ path: screenshotPath('console-hall-view-768.png'), fullPage: true });
});
