import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { Controller } from '../../src-controller/server/controller';
import { failoverOrder } from '../../src-shared/failover';
import { startRedis } from '../../bench/redis-server';
import { expect, screenshotPath, test } from './fixtures';

/** A screen name whose own failover order starts at `first` (the order is a hash of the name). */
function nameStartingAt(urls: string[], first: string, prefix: string): string {
  for (let i = 0; ; i++) {
    const name = `${prefix}-${i}`;
    if (failoverOrder(urls, name)[0] === first) return name;
  }
}

/** A loopback URL where nothing listens: a port that was free a moment ago. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** Opens the screen page served by `pageHost`, following `controllers`, as its own screen PC. */
async function openFollowing(
  browser: Browser,
  pageHost: string,
  name: string,
  controllers: string[],
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const query = new URLSearchParams({ screen: name });
  for (const url of controllers) query.append('controller', url);
  await page.goto(`${pageHost}/screen?${query.toString()}`);
  return page;
}

/**
 * Samples, every animation frame, whether the page shows a theme and which: a single frame of
 * idle card, error or empty page during a failover would show up here.
 */
async function watchPicture(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { pictures: string[] };
    w.pictures = [];
    const sample = () => {
      const root = document.getElementById('screen-root');
      const player = document.querySelector('.player:not(.staged)');
      const idle = document.querySelector('.idle');
      w.pictures.push(
        idle || !player || !root ? 'no picture' : `theme ${root.dataset.theme ?? '?'}`,
      );
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
}

test('a screen whose controller dies keeps its picture and moves to the next controller', async ({
  browser,
  startHall,
}) => {
  test.setTimeout(90_000);
  // Two nodes of one hall: here two controllers on one data directory, which gives them what a
  // cluster's nodes share (hall, state, screens, files).
  const shared = mkdtempSync(join(tmpdir(), 'hallcue-failover-'));
  try {
    const a = await startHall({ dataDir: shared });
    const before = await a.hall.activate('2', 'test');
    const b = await startHall({ dataDir: shared });
    const urls = [a.url, b.url];
    const name = nameStartingAt(urls, a.url, 'failover');
    // The page comes from B (a page cannot come from a node that is about to die), but the
    // screen follows its own order, which starts at A.
    const screen = await openFollowing(browser, b.url, name, urls);
    const root = screen.locator('#screen-root');
    await expect(root).toHaveAttribute('data-controller', a.url);
    await expect(root).toHaveAttribute('data-status', 'online');
    await expect(root).toHaveAttribute('data-theme', '2');
    await expect(root).toHaveAttribute('data-revision', String(before.revision));
    // A mark on the player's element: a player that restarts its timeline is a new element.
    await screen.evaluate(() => {
      (document.querySelector('.player') as unknown as { mark: string }).mark = 'before failover';
    });
    await watchPicture(screen);

    await a.close();
    // The connection is gone; the picture is not.
    await expect(root).toHaveAttribute('data-status', 'offline');
    await expect(root).toHaveAttribute('data-theme', '2');
    await expect(screen.locator('.player')).toBeVisible();
    await screen.screenshot({ path: screenshotPath('failover-between-nodes.png') });

    await expect(root).toHaveAttribute('data-controller', b.url, { timeout: 20_000 });
    // Online means B welcomed it as an approved screen, with the key A issued.
    await expect(root).toHaveAttribute('data-status', 'online');
    // B's state is the revision on screen already: nothing flips, nothing restarts.
    await expect(root).toHaveAttribute('data-revision', String(before.revision));
    expect(
      await screen.evaluate(
        () => (document.querySelector('.player') as unknown as { mark?: string }).mark,
      ),
    ).toBe('before failover');

    // And it follows B from now on.
    const pressed = await b.hall.activate('3', 'test');
    await expect(root).toHaveAttribute('data-theme', '3');
    await expect(root).toHaveAttribute('data-revision', String(pressed.revision));
    await screen.screenshot({ path: screenshotPath('failover-on-second-node.png') });

    const pictures = await screen.evaluate(
      () => (window as unknown as { pictures: string[] }).pictures,
    );
    expect(pictures.length).toBeGreaterThan(10);
    // Every frame showed a theme, the old one or the new one: never anything else.
    expect(pictures).toContain('theme 2');
    expect(pictures.filter((p) => p !== 'theme 2' && p !== 'theme 3')).toEqual([]);
    await screen.context().close();
    await b.close();
  } finally {
    rmSync(shared, { recursive: true, force: true });
  }
});

test('in a Redis cluster, a screen whose node dies carries on with the other node', async ({
  browser,
  startHall,
}) => {
  test.setTimeout(90_000);
  const redis = await startRedis();
  const nodes: Controller[] = [];
  try {
    const cluster = { redisUrl: redis.url, hallId: `browser-failover-${process.pid}` };
    const a = await startHall({ cluster, leadMs: 50 });
    const b = await startHall({ cluster, leadMs: 50 });
    nodes.push(a, b);
    const before = await a.hall.activate('2', 'test');
    await expect.poll(() => b.hall.current.revision).toBe(before.revision);
    const urls = [a.url, b.url];
    const name = nameStartingAt(urls, a.url, 'cluster');
    const screen = await openFollowing(browser, b.url, name, urls);
    const root = screen.locator('#screen-root');
    await expect(root).toHaveAttribute('data-controller', a.url);
    await expect(root).toHaveAttribute('data-status', 'online');
    await expect(root).toHaveAttribute('data-theme', '2');
    await expect(root).toHaveAttribute('data-revision', String(before.revision));
    await screen.evaluate(() => {
      (document.querySelector('.player') as unknown as { mark: string }).mark = 'on node a';
    });
    await watchPicture(screen);
    // A screen of a real hall was paired long before its node dies: B has it from the registry.
    await expect
      .poll(() => b.db.prepare('SELECT approved FROM screens WHERE name = ?').get(name))
      .toEqual({ approved: 1 });

    await a.close();
    await expect(root).toHaveAttribute('data-controller', b.url, { timeout: 20_000 });
    // B knows the screen (the nodes share the registry): approved, with the key A issued.
    await expect(root).toHaveAttribute('data-status', 'online');
    await expect(root).toHaveAttribute('data-revision', String(before.revision));
    expect(
      await screen.evaluate(
        () => (document.querySelector('.player') as unknown as { mark?: string }).mark,
      ),
    ).toBe('on node a');

    const pressed = await b.hall.activate('3', 'test');
    await expect(root).toHaveAttribute('data-theme', '3');
    await expect(root).toHaveAttribute('data-revision', String(pressed.revision));
    const pictures = await screen.evaluate(
      () => (window as unknown as { pictures: string[] }).pictures,
    );
    // Every frame showed a theme, the old one or the new one: never anything else.
    expect(pictures).toContain('theme 2');
    expect(pictures.filter((p) => p !== 'theme 2' && p !== 'theme 3')).toEqual([]);
    await screen.screenshot({ path: screenshotPath('failover-cluster-node-b.png') });
    await screen.context().close();
  } finally {
    // Nodes before their Redis, so none is left talking to a store that went away.
    for (const node of nodes) await node.close();
    await redis.stop();
  }
});

test('a screen whose first controller is down starts on the next one', async ({
  browser,
  startHall,
}) => {
  const b = await startHall();
  await b.hall.activate('2', 'test');
  const dead = await deadUrl();
  const urls = [dead, b.url];
  const name = nameStartingAt(urls, dead, 'first-down');
  const screen = await openFollowing(browser, b.url, name, urls);
  const root = screen.locator('#screen-root');
  await expect(root).toHaveAttribute('data-controller', b.url, { timeout: 20_000 });
  await expect(root).toHaveAttribute('data-status', 'online');
  await expect(root).toHaveAttribute('data-theme', '2');
  await screen.context().close();
});

test('a screen whose first controller hangs without answering moves on after a few seconds', async ({
  browser,
  startHall,
}) => {
  // Accepts connections and never says a word: a node that hangs rather than refuses.
  const held = new Set<Socket>();
  let accepted = 0;
  const silent = createServer((socket) => {
    accepted += 1;
    held.add(socket);
    socket.on('close', () => held.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const hanging = `http://127.0.0.1:${address.port}`;
  try {
    const b = await startHall();
    await b.hall.activate('1', 'test');
    const urls = [hanging, b.url];
    const name = nameStartingAt(urls, hanging, 'hangs');
    const screen = await openFollowing(browser, b.url, name, urls);
    const root = screen.locator('#screen-root');
    await expect(root).toHaveAttribute('data-controller', hanging);
    // Its connection attempt is still pending (it would time out only after 20 s) when the
    // screen gives up on the node.
    await expect(root).toHaveAttribute('data-controller', b.url, { timeout: 15_000 });
    await expect(root).toHaveAttribute('data-theme', '1');
    // It did reach the hanging node: the move was the give-up timer's, not a refusal's.
    expect(accepted).toBeGreaterThan(0);
    await screen.context().close();
  } finally {
    for (const socket of held) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
});

test('bad controller parameters are left out and the page follows the good one', async ({
  browser,
  startHall,
}) => {
  const b = await startHall();
  await b.hall.activate('1', 'test');
  const warnings: string[] = [];
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const query = new URLSearchParams([
    ['screen', 'bad-params'],
    ['controller', 'ftp://nowhere'],
    ['controller', b.url],
  ]);
  await page.goto(`${b.url}/screen?${query.toString()}`);
  const root = page.locator('#screen-root');
  await expect(root).toHaveAttribute('data-theme', '1');
  await expect(root).toHaveAttribute('data-controller', b.url);
  expect(warnings.join('\n')).toContain('"ftp://nowhere" must start with http:// or https://');
  await context.close();
});
