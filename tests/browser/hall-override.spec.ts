import { expect, screenshotPath, test } from './fixtures';

test('blackout and an emergency message take over every screen and clear with one key', async ({
  page,
  startHall,
  openScreen,
}) => {
  const controller = await startHall();
  const screens = await Promise.all(
    ['left', 'right'].map((name) => openScreen(controller.url, name)),
  );
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(controller.url);
  await expect(page.locator('.screen.online')).toHaveCount(2);
  await page.keyboard.press('2');
  for (const screen of screens) {
    await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '2');
  }

  // B: every screen goes black, quietly: the theme is not rendered underneath.
  await page.keyboard.press('b');
  for (const screen of screens) {
    const root = screen.locator('#screen-root');
    await expect(root).toHaveAttribute('data-override', 'blackout');
    await expect(screen.locator('.player')).toHaveCount(0);
    await expect(screen.locator('video')).toHaveCount(0);
  }
  await expect(page.locator('.override-banner.blackout')).toBeVisible();
  await page.screenshot({ path: screenshotPath('console-blackout.png') });
  // The switch report covers the blackout like any press.
  await expect(page.getByTestId('switch-report').first()).toHaveText(/^2\/2 screens/);

  // B again brings the hall back to the theme, on its timeline.
  await page.keyboard.press('b');
  for (const screen of screens) {
    const root = screen.locator('#screen-root');
    await expect(root).toHaveAttribute('data-override', '');
    await expect(root).toHaveAttribute('data-theme', '2');
    await expect(screen.locator('.player')).toBeVisible();
  }

  // E opens the emergency message: both languages and an image from a stored pack.
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  // Nothing typed yet: the console explains instead of sending an empty message.
  await dialog.getByTestId('show-emergency').click();
  await expect(dialog.getByRole('alert')).toContainText('Write the message');
  await dialog.getByLabel('Chinese text').fill('请从最近的出口有序离开');
  await dialog.getByLabel('English text').fill('Please leave by the nearest exit');
  const pack = dialog.getByLabel('From pack');
  const congress = await pack
    .locator('option')
    .evaluateAll(
      (options) =>
        (options as HTMLOptionElement[]).find((o) => o.text.includes('大会图文报告'))?.value,
    );
  await pack.selectOption(congress!);
  const file = dialog.getByLabel('File', { exact: true });
  await expect(file).toBeEnabled();
  const imageOption = await file
    .locator('option')
    .evaluateAll((options) =>
      (options as HTMLOptionElement[])
        .map((o) => o.value)
        .find((v) => /\.(png|jpe?g|webp|svg)$/.test(v)),
    );
  expect(imageOption).toBeTruthy();
  await file.selectOption(imageOption!);
  await page.screenshot({ path: screenshotPath('console-emergency-dialog.png') });
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toHaveCount(0);

  for (const screen of screens) {
    const root = screen.locator('#screen-root');
    await expect(root).toHaveAttribute('data-override', 'emergency');
    await expect(screen.locator('.emergency-zh')).toHaveText('请从最近的出口有序离开');
    await expect(screen.locator('.emergency-en')).toHaveText('Please leave by the nearest exit');
    await expect
      .poll(() =>
        screen.evaluate(() => {
          const img = document.querySelector<HTMLImageElement>('.emergency-media');
          return !!img && img.complete && img.naturalWidth > 0;
        }),
      )
      .toBe(true);
  }
  await expect(page.locator('.override-banner.emergency')).toContainText('请从最近的出口有序离开');
  await page.screenshot({ path: screenshotPath('console-emergency.png') });
  await screens[0]!.screenshot({ path: screenshotPath('screen-emergency.png') });
  // Theme keys still work underneath, but the emergency stays on top of every screen.
  await page.keyboard.press('3');
  await expect(page.locator('.theme-key[data-key="3"]')).toHaveClass(/on-air/);
  for (const screen of screens) {
    await expect(screen.locator('#screen-root')).toHaveAttribute('data-override', 'emergency');
  }
  // The emergency survives a reload of a screen (the controller sends it again).
  await screens[1]!.reload();
  await expect(screens[1]!.locator('#screen-root')).toHaveAttribute('data-override', 'emergency');

  // Esc clears it: every screen shows the theme pressed meanwhile.
  await page.keyboard.press('Escape');
  for (const screen of screens) {
    const root = screen.locator('#screen-root');
    await expect(root).toHaveAttribute('data-override', '');
    await expect(root).toHaveAttribute('data-theme', '3');
    await expect(screen.locator('.player')).toBeVisible();
  }
  await expect(page.locator('.override-banner')).toHaveCount(0);
});

test('the console at tablet width shows the emergency keys and the banner without overflow', async ({
  page,
  startHall,
}) => {
  const controller = await startHall();
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto(controller.url);
  await expect(page.getByTestId('blackout')).toBeVisible();
  await page.screenshot({ path: screenshotPath('console-768.png'), fullPage: true });
  await controller.hall.setOverride(
    { kind: 'emergency', message: { zh: '演示暂停，请稍候。', en: 'The presentation is paused.' } },
    'test',
  );
  await expect(page.locator('.override-banner.emergency')).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth,
  );
  expect(overflow).toBe(false);
  await page.screenshot({ path: screenshotPath('console-768-emergency.png') });
  await page.getByTestId('clear-override').click();
  await expect(page.locator('.override-banner')).toHaveCount(0);
  expect(controller.hall.current.override).toBeNull();
});

test('the hall controls in Chinese, on every page, at desktop and tablet width', async ({
  page,
  startHall,
  openScreen,
}) => {
  const controller = await startHall();
  await openScreen(controller.url, '左屏');
  await controller.hall.activate('2', 'test');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(controller.url);
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByTestId('blackout')).toContainText('黑屏');
  await expect(page.getByTestId('emergency')).toContainText('紧急通知');
  const pages = [
    ['hall', '主题'],
    ['view', '展厅全景'],
    ['screens', '左屏'],
    ['programme', '每周节目单'],
    ['setup', '主题按键'],
  ] as const;
  for (const width of [1440, 768]) {
    await page.setViewportSize({ width, height: width === 768 ? 1024 : 900 });
    for (const [name, text] of pages) {
      await page.goto(`${controller.url}/#/${name}`);
      await expect(page.locator('main')).toContainText(text);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth > window.innerWidth,
      );
      expect(overflow, `${name} at ${width} px`).toBe(false);
      await page.screenshot({
        path: screenshotPath(`console-zh-${name}-${width}.png`),
        fullPage: true,
      });
    }
  }
  await page.goto(`${controller.url}/#/hall`);
  await page.keyboard.press('e');
  await expect(page.getByRole('dialog')).toContainText('中文内容');
  await page.getByRole('button', { name: '疏散' }).click();
  await page.screenshot({ path: screenshotPath('console-zh-emergency-768.png') });
});
