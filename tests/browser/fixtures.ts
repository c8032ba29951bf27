import { test as base, type Browser, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startController,
  type Controller,
  type ControllerOptions,
} from '../../src-controller/server/controller';
import { silentLogger } from '../../src-controller/server/logger';

export const SCREENSHOTS = join(import.meta.dirname, '..', '.artifacts', 'screenshots');

/** The administrator every hall starts with, unless a test passes `initialAdmin: undefined`. */
export const ADMIN = { username: 'admin', password: 'correct horse battery' } as const;

/** Logs `page`'s browser context in (the session cookie is shared by its pages). */
export async function logIn(
  page: Page,
  url: string,
  user: { username: string; password: string } = ADMIN,
): Promise<void> {
  const res = await page.request.post(`${url}/api/login`, { data: user });
  if (!res.ok()) throw new Error(`login as ${user.username} failed: ${await res.text()}`);
}

interface HallFixture {
  /**
   * Starts a controller with the real demo packs on a loopback port, with the administrator
   * ADMIN, and logs the test's `page` in as that administrator.
   */
  startHall(options?: Partial<ControllerOptions>): Promise<Controller>;
  /** Opens a screen page in its own browser context, as a separate screen PC would be. */
  openScreen(url: string, name: string, size?: { width: number; height: number }): Promise<Page>;
}

export const test = base.extend<HallFixture>({
  startHall: async ({ page }, use) => {
    const started: { controller: Controller; dir: string }[] = [];
    await use(async (options = {}) => {
      const dir = mkdtempSync(join(tmpdir(), 'hallcue-browser-'));
      const settings: ControllerOptions = {
        dataDir: join(dir, 'data'),
        port: 0,
        host: '127.0.0.1',
        logger: silentLogger(),
        initialAdmin: ADMIN,
        ...options,
      };
      const controller = await startController(settings);
      started.push({ controller, dir });
      if (settings.initialAdmin) await logIn(page, controller.url, settings.initialAdmin);
      return controller;
    });
    for (const { controller, dir } of started) {
      await controller.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
  openScreen: async ({ browser }: { browser: Browser }, use) => {
    const contexts: Awaited<ReturnType<Browser['newContext']>>[] = [];
    await use(async (url, name, size = { width: 1280, height: 720 }) => {
      const context = await browser.newContext({ viewport: size });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${url}/screen?screen=${encodeURIComponent(name)}`);
      return page;
    });
    for (const context of contexts) await context.close();
  },
});

export { expect } from '@playwright/test';

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}
