import { createClient } from 'redis';
import { versionField } from '../../src-controller/server/cluster/library-entries';
import { hallKeys } from '../../src-controller/server/cluster/redis-keys';
import { findPackVersion } from '../../src-controller/server/db/packs-table';
import { freePort, startRedis, type TestRedis } from '../../bench/redis-server';
import { expect, screenshotPath, test } from './fixtures';

let redis: TestRedis;
test.beforeAll(async () => {
  redis = await startRedis();
});
test.afterAll(async () => {
  await redis.stop();
});

test('a node shows in its library whether it holds the hall library, and what it lacks and why', async ({
  page,
  startHall,
}) => {
  const cluster = { redisUrl: redis.url, hallId: 'browser-lib', heartbeatMs: 300 };
  const a = await startHall({ cluster });
  const b = await startHall({ cluster, demoPacksDir: null });
  await page.setViewportSize({ width: 1440, height: 1000 });

  // B started empty: it shows the hall's packs, fetched from A, and says its library is the hall's.
  await page.goto(b.url);
  await expect(page.locator('.connection')).toContainText('connected');
  await expect(page.locator('[data-cluster-library="same"]')).toContainText(
    'Same library on every node of hall browser-lib.',
    { timeout: 20_000 },
  );
  const packs = a.db.prepare('SELECT count(*) AS n FROM pack_versions').get() as { n: number };
  await expect(page.locator('table.packs tr')).toHaveCount(packs.n);

  // A version the hall lists that no live node can send (its node went away): B says so.
  const gone = `http://127.0.0.1:${await freePort()}`;
  const client = createClient({ url: redis.url });
  await client.connect();
  const keys = hallKeys('browser-lib');
  await client.hSet(keys.nodes, 'gone-node', JSON.stringify({ url: gone, at: Date.now() }));
  await client.hSet(
    keys.libraryVersions,
    versionField({ packId: 'congress-report', version: '2.1.0' }),
    JSON.stringify({
      state: 'present',
      fingerprint: 'c'.repeat(64),
      origin: 'gone-node',
      from: gone,
      by: 'curator',
      at: Date.now(),
      seq: 999,
    }),
  );
  await client.incr(keys.librarySeq);
  client.destroy();

  const banner = page.locator('[data-cluster-library="problems"]');
  await expect(banner).toContainText('congress-report v2.1.0', { timeout: 20_000 });
  await expect(banner).toContainText('not on this node yet, retrying');
  await expect(banner).toContainText(gone);
  await page.screenshot({ path: screenshotPath('cluster-library-problem.png'), fullPage: true });
  await page.getByRole('button', { name: '中文' }).click();
  await expect(banner).toContainText('尚未到达本节点，正在重试');
  await page.screenshot({ path: screenshotPath('cluster-library-problem-zh.png'), fullPage: true });
  expect(findPackVersion(b.db, 'congress-report', '2.1.0')).toBeUndefined();
});
