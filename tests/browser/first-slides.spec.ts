import { findPackVersion } from '../../src-controller/server/db/packs-table';
import { connectConsole } from '../helpers/clients';
import { expect, screenshotPath, test } from './fixtures';

test("a screen decodes every theme's first slide before any press, and follows the library", async ({
  startHall,
  openScreen,
}) => {
  const controller = await startHall();
  const screen = await openScreen(controller.url, 'warm-check', { width: 640, height: 360 });
  const root = screen.locator('#screen-root');
  await expect(root).toHaveAttribute('data-status', 'online');
  // The demo hall's three themes are warm while nothing has been pressed yet.
  await expect(root).toHaveAttribute('data-warm', '1 2 3');
  await expect(root).toHaveAttribute('data-theme', '');
  expect(controller.hall.current.revision).toBe(0);

  // Publishing a theme to a new key warms its first slide too, still without a press.
  const console = await connectConsole(controller.url);
  const version = findPackVersion(controller.db, 'constitution-points', '1.1.0');
  if (!version) throw new Error('the demo pack constitution-points 1.1.0 is missing');
  expect(
    await console.emitWithAck('publishTheme', { key: '4', packVersionId: version.id }),
  ).toEqual({ ok: true, data: null });
  await expect(root).toHaveAttribute('data-warm', '1 2 3 4');
  console.close();

  // A press to a warm theme shows it whole.
  const { revision } = await controller.hall.activate('2', 'test');
  await expect(root).toHaveAttribute('data-revision', String(revision));
  await expect(root).toHaveAttribute('data-theme', '2');
  await expect(root).toHaveAttribute('data-warm', '1 2 3 4');
  await screen.screenshot({ path: screenshotPath('screen-first-slide-warm.png') });
});

test('the flip shows the theme rendered ahead of it: the same element, only made visible', async ({
  startHall,
  openScreen,
}) => {
  const controller = await startHall();
  const screen = await openScreen(controller.url, 'staged-check', { width: 640, height: 360 });
  const root = screen.locator('#screen-root');
  await expect(root).toHaveAttribute('data-warm', '1 2 3');
  await expect(root).toHaveAttribute('data-rehearsed', '1 2 3');
  // Remember every player element that appears staged (invisible, ahead of its flip).
  await screen.evaluate(() => {
    const seen: Element[] = [];
    (window as unknown as { stagedSeen: Element[] }).stagedSeen = seen;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node instanceof Element && node.matches('.player.staged')) seen.push(node);
        }
      }
    }).observe(document.getElementById('screen-root')!, { childList: true });
  });
  for (const key of ['1', '2']) {
    const { revision } = await controller.hall.activate(key, 'test');
    await expect(root).toHaveAttribute('data-revision', String(revision));
    const check = await screen.evaluate(() => {
      const shown = document.querySelectorAll('#screen-root > .player');
      const seen = (window as unknown as { stagedSeen: Element[] }).stagedSeen;
      return {
        players: shown.length,
        wasStaged: shown.length === 1 && seen.includes(shown[0]!),
        stillStaged: shown[0]?.classList.contains('staged') ?? null,
      };
    });
    expect(check).toEqual({ players: 1, wasStaged: true, stillStaged: false });
  }
});
