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
