import { expect, screenshotPath, test } from './fixtures';

test('zones and keys: a zone switches alone, an assigned F-key switches the whole hall', async ({
  page,
  startHall,
  openScreen,
}) => {
  const controller = await startHall();
  const [east1, east2, west] = await Promise.all(
    ['east-1', 'east-2', 'west'].map((name) => openScreen(controller.url, name)),
  );
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(controller.url);
  await expect(page.locator('.screen.online')).toHaveCount(3);
  await page.keyboard.press('1');
  for (const screen of [east1!, east2!, west!]) {
    await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '1');
  }

  // Keys & zones: a zone, and F2 for theme 3.
  await page.getByRole('tab', { name: 'Keys & zones' }).click();
  await page.getByLabel('New zone name').fill('East wing');
  await page.getByRole('button', { name: 'Add zone' }).click();
  await expect(page.locator('.zone-row')).toHaveCount(1);
  await page.locator('.keymap select[data-theme="3"]').selectOption('F2');
  await page.getByTestId('save-keys').click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await page.screenshot({ path: screenshotPath('console-setup.png') });
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.screenshot({ path: screenshotPath('console-setup-768.png'), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Screens page: put both east screens in the zone.
  await page.getByRole('tab', { name: 'Screens' }).click();
  for (const name of ['east-1', 'east-2']) {
    const card = page.locator(`.screen-card[data-screen="${name}"]`);
    await card.getByLabel(`Zone ${name}`).selectOption({ label: 'East wing' });
    await expect(card.getByRole('status')).toHaveText('Saved.');
  }

  // Hall page: Z picks the zone, 2 switches only it.
  await page.getByRole('tab', { name: 'Hall', exact: true }).click();
  await expect(page.locator('.theme-key[data-key="3"] .key-cap')).toHaveText('F2');
  await page.keyboard.press('z');
  await expect(page.getByTestId('target')).toHaveText('only East wing');
  await page.keyboard.press('2');
  for (const screen of [east1!, east2!]) {
    await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '2');
  }
  await expect(page.locator('.theme-key[data-key="2"] .zone-tag')).toHaveText('East wing');
  // The switch report counts the zone's screens only.
  await expect(page.getByTestId('switch-report').first()).toHaveText(/^2\/2 screens/);
  await expect(west!.locator('#screen-root')).toHaveAttribute('data-theme', '1');
  await page.screenshot({ path: screenshotPath('console-zone-target.png') });

  // 0 returns to the whole hall; F2 switches every screen to theme 3 and ends the zone's own.
  await page.keyboard.press('0');
  await expect(page.getByTestId('target')).toHaveText('Whole hall');
  await page.keyboard.press('F2');
  for (const screen of [east1!, east2!, west!]) {
    await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '3');
  }
  await expect(page.locator('.zone-tag')).toHaveCount(0);
  // A tap on a zone chip and on a key does the same as the keyboard.
  await page.locator('.zone-target .chip[data-zone]:not([data-zone=""])').click();
  await page.locator('.theme-key[data-key="1"]').click();
  await expect(east1!.locator('#screen-root')).toHaveAttribute('data-theme', '1');
  await expect(west!.locator('#screen-root')).toHaveAttribute('data-theme', '3');
});

test('screens page: rename, identify, reload, screenshot refusal, approve and revoke', async ({
  page,
  startHall,
  openScreen,
}) => {
  const controller = await startHall({ trustLoopback: false });
  const screen = await openScreen(controller.url, 'foyer');
  await expect(screen.getByTestId('pairing-code')).toBeVisible();
  const code = (await screen.getByTestId('pairing-code').innerText()).replace(/\s/g, '');
  await controller.hall.activate('2', 'test');

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${controller.url}/#/screens`);
  const card = page.locator('.screen-card[data-screen="foyer"]');
  await expect(card.getByTestId('status')).toHaveText('waiting for approval');
  await card.getByLabel('pairing code shown on foyer').fill(code);
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '2');
  await expect(card.getByTestId('status')).toHaveText(/^online · showing 2/);

  // Rename: the console's name; the device keeps its own to connect with.
  await card.getByLabel('name of foyer').fill('Foyer left');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.locator('.screen-name')).toHaveText('Foyer left');
  await expect(card).toContainText('device name: foyer');

  await card.getByRole('button', { name: 'Identify' }).click();
  await expect(screen.getByTestId('identify')).toHaveText('Foyer left');
  await screen.screenshot({ path: screenshotPath('screen-identify.png') });
  await expect(card.getByRole('status')).toContainText('8 seconds');

  await card.getByRole('button', { name: 'Screenshot' }).click();
  await expect(card.getByRole('alert')).toContainText('cannot take screenshots');

  // Reload: the page really reloads and comes back on theme 2.
  const reloaded = screen.waitForEvent('load');
  await card.getByRole('button', { name: 'Reload' }).click();
  await reloaded;
  await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '2');
  await expect(card).toContainText('browser page');
  await page.screenshot({ path: screenshotPath('console-screens.png') });
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.screenshot({ path: screenshotPath('console-screens-768.png'), fullPage: true });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth,
  );
  expect(overflow).toBe(false);

  await card.getByRole('button', { name: 'Revoke' }).click();
  await card.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '');
  await expect(screen.getByTestId('pairing-code')).toBeVisible();
  await expect(card.getByTestId('status')).toHaveText('revoked');
});
