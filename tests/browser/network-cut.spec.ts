import { positionAt } from '../../src-shared/timeline';
import { monotonicClock } from '../../src-controller/server/controller';
import { startCutProxy, type CutProxy } from '../helpers/cut-proxy';
import { expect, screenshotPath, test } from './fixtures';

let proxy: CutProxy | undefined;
test.afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

test('a screen cut off from the network keeps playing and rejoins on the right slide', async ({
  startHall,
  openScreen,
}) => {
  test.setTimeout(120_000);
  const controller = await startHall();
  await controller.hall.activate('2', 'test');
  proxy = await startCutProxy(controller.port);
  const screen = await openScreen(proxy.url, 'cut-off');
  const root = screen.locator('#screen-root');
  await expect(root).toHaveAttribute('data-theme', '2');
  await expect(root).toHaveAttribute('data-status', 'online');

  // The link goes dead silently; the hall switches to theme 3 meanwhile.
  proxy.cut();
  const pressed = await controller.hall.activate('3', 'test');
  const slideAtCut = await root.getAttribute('data-slide');
  // It keeps playing theme 2 on its own timeline: the slide moves on, nothing else changes.
  await expect(root).not.toHaveAttribute('data-slide', slideAtCut ?? '', { timeout: 15_000 });
  await expect(root).toHaveAttribute('data-theme', '2');
  await expect(screen.locator('.idle')).toHaveCount(0);
  // Only the missing heartbeats tell it the controller is unreachable; it still plays.
  await expect(root).toHaveAttribute('data-status', 'offline', { timeout: 30_000 });
  await expect(root).toHaveAttribute('data-theme', '2');
  await expect(screen.locator('.player')).toBeVisible();
  await screen.screenshot({ path: screenshotPath('network-cut-offline.png') });

  proxy.restore();
  await expect(root).toHaveAttribute('data-status', 'online', { timeout: 20_000 });
  await expect(root).toHaveAttribute('data-theme', '3');
  await expect(root).toHaveAttribute('data-revision', String(pressed.revision));

  // On the slide the shared timeline says, as every other screen of the hall.
  const presentation = controller.hall.stateFor('main').presentation!;
  const durations = presentation.slides.map((s) => s.durationMs);
  // A read that lands right on a slide boundary may see either side of it: the screen's clock
  // estimate is good to milliseconds, not to zero (the sync tests and bench measure how good).
  const BOUNDARY_MS = 150;
  const expected = (shiftMs: number) =>
    positionAt(monotonicClock() + shiftMs - pressed.startAt, durations).index;
  const before = expected(-BOUNDARY_MS);
  const shown = Number(await root.getAttribute('data-slide'));
  const after = expected(BOUNDARY_MS);
  expect([before, after]).toContain(shown);
  await screen.screenshot({ path: screenshotPath('network-cut-rejoined.png') });
});
