import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { versionField } from '../../src-controller/server/cluster/library-entries';
import { SECRET_HEADER } from '../../src-controller/server/cluster/pack-transfer';
import { hallKeys } from '../../src-controller/server/cluster/redis-keys';
import type { Controller } from '../../src-controller/server/controller';
import { findPackVersion, listPackVersions } from '../../src-controller/server/db/packs-table';
import { getScreen } from '../../src-controller/server/db/screens-table';
import { getTheme } from '../../src-controller/server/db/themes-table';
import { openPackSource } from '../../src-controller/server/packs/open-pack-source';
import { DEFAULT_PACK_LIMITS } from '../../src-controller/server/packs/pack-limits';
import {
  connectConsole,
  connectScreen,
  loginCookie,
  sleep,
  type ConsoleSocket,
} from '../helpers/clients';
import { until, useCluster } from '../helpers/cluster';
import { TINY_PNG } from '../helpers/packs';
import { buildZip } from '../helpers/zip';

// Real redis-server, two real nodes with their own data folders (SQLite + file store): the pack
// library of one node reaches the other through Redis (what exists) and HTTP (the files).
const cluster = useCluster('lib');
const { roots, nodes, screens, newHallId, newRoot } = cluster;
const consoles: ConsoleSocket[] = [];
const servers: Server[] = [];
// Registered after useCluster's hooks, so it runs before them: clients go before their nodes.
afterEach(() => {
  for (const c of consoles.splice(0)) c.close();
  for (const server of servers.splice(0)) server.close();
});

/** A node of `hallId`; `demo: false` starts it with an empty library. */
async function startNode(hallId: string, { demo = true, root = newRoot() } = {}) {
  const node = await cluster.startNode(hallId, { demo, root });
  return { node, root };
}

const holds = (node: Controller, packId: string, version: string) =>
  findPackVersion(node.db, packId, version) !== undefined;

const themeOf = (node: Controller, key: string) => {
  const theme = getTheme(node.db, key);
  const version = theme && listPackVersions(node.db).find((v) => v.id === theme.packVersionId);
  return version ? `${version.packId} ${version.version}` : null;
};

/** A pack zip with one picture; `salt` makes its picture (and so its hash) its own. */
const packZip = (id: string, version: string, salt: string, en = `Theme ${id} ${version}`) =>
  buildZip([
    {
      name: 'manifest.json',
      deflate: true,
      data: Buffer.from(
        JSON.stringify({
          format: 'hallcue-pack/1',
          id,
          version,
          title: { zh: `主题 ${id}`, en },
          roles: { main: { slides: [{ type: 'image', src: 'media/a.png', duration: 4 }] } },
        }),
      ),
    },
    { name: 'media/a.png', data: Buffer.concat([TINY_PNG, Buffer.from(salt)]) },
  ]);

async function upload(node: Controller, zip: Buffer) {
  const res = await fetch(`${node.url}/api/packs`, {
    method: 'POST',
    body: new Uint8Array(zip),
    headers: {
      'Content-Type': 'application/octet-stream',
      cookie: await loginCookie(node.url),
    },
  });
  const body = (await res.json()) as { ok: boolean; data: { packVersionId: number } };
  expect(body.ok).toBe(true);
  return body.data.packVersionId;
}

async function consoleOn(node: Controller) {
  const socket = await connectConsole(node.url);
  consoles.push(socket);
  return socket;
}

async function withRedis<T>(use: (client: ReturnType<typeof createClient>) => Promise<T>) {
  const client = createClient({ url: cluster.redis.url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

describe('the pack library on every node of a hall', () => {
  it('a node with an empty library gets the hall packs and themes, and serves their files', async () => {
    const hallId = newHallId();
    const { node: a } = await startNode(hallId);
    const { node: b } = await startNode(hallId, { demo: false });
    await until(() => ['1', '2', '3'].every((key) => themeOf(b, key) !== null), 'demo themes on b');
    expect(['1', '2', '3'].map((key) => themeOf(b, key))).toEqual([
      'alpha 1.0.0',
      'beta 1.0.0',
      'gamma 1.0.0',
    ]);

    // A curator imports on a: b holds the same version, file for file, and serves its files.
    await upload(a, packZip('delta', '1.0.0', 'delta-bytes'));
    await until(() => holds(b, 'delta', '1.0.0'), 'delta on b');
    const onA = findPackVersion(a.db, 'delta', '1.0.0')!;
    const onB = findPackVersion(b.db, 'delta', '1.0.0')!;
    expect(onB.manifest).toEqual(onA.manifest);
    const sha = a.db
      .prepare(
        "SELECT sha256 FROM pack_version_files WHERE pack_version_id = ? AND path = 'media/a.png'",
      )
      .get(onA.id) as { sha256: string };
    const file = await fetch(`${b.url}/files/${sha.sha256}`, {
      headers: { cookie: await loginCookie(b.url) },
    });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(
      Buffer.concat([TINY_PNG, Buffer.from('delta-bytes')]),
    );
    // Nothing left behind: the download was imported and removed.
    expect(readdirSync(join(roots[1]!, 'data', 'uploads'))).toEqual([]);

    // Changes applied from the hall are not announced again: the library's revision settles.
    const seq = () => withRedis(async (c) => Number(await c.get(hallKeys(hallId).librarySeq)));
    const settled = await seq();
    await sleep(1500);
    expect(await seq()).toBe(settled);
    expect(b.librarySync!.status().problems).toEqual([]);
  }, 30_000);

  it('a publish on one node makes a press on the other show the new version; rollbacks follow', async () => {
    const hallId = newHallId();
    const { node: a } = await startNode(hallId);
    const { node: b } = await startNode(hallId, { demo: false });
    const id = await upload(a, packZip('beta', '2.0.0', 'beta-two', 'Second theme, new edition'));
    const curator = await consoleOn(a);
    expect(await curator.emitWithAck('publishTheme', { key: '2', packVersionId: id })).toEqual({
      ok: true,
      data: null,
    });
    await until(() => themeOf(b, '2') === 'beta 2.0.0', 'key 2 on beta 2.0.0 on b');

    const screen = connectScreen(b.url, { name: 'wall-b' });
    screens.push(screen);
    await screen.nextState();
    const { revision } = await b.hall.activate('2', 'operator on b');
    const state = await screen.nextState((s) => s.revision === revision);
    expect(state.presentation).toMatchObject({
      themeKey: '2',
      packId: 'beta',
      packVersion: '2.0.0',
      title: { en: 'Second theme, new edition' },
    });

    // A rollback on a reaches b; b's own history agrees, so a rollback there undoes it.
    const rolled = await curator.emitWithAck('rollbackTheme', { key: '2' });
    expect(rolled.ok).toBe(true);
    await until(() => themeOf(b, '2') === 'beta 1.0.0', 'key 2 rolled back on b');
    const onB = await consoleOn(b);
    expect((await onB.emitWithAck('rollbackTheme', { key: '2' })).ok).toBe(true);
    expect(themeOf(b, '2')).toBe('beta 2.0.0');
    await until(() => themeOf(a, '2') === 'beta 2.0.0', 'rollback on b reaching a');
  }, 30_000);

  it('a node that starts later, or comes back, catches up with imports and deletions', async () => {
    const hallId = newHallId();
    const { node: a } = await startNode(hallId);
    const epsilon = await upload(a, packZip('epsilon', '1.0.0', 'eps'));
    const curator = await consoleOn(a);
    await curator.emitWithAck('publishTheme', { key: '4', packVersionId: epsilon });
    const zeta = await upload(a, packZip('zeta', '1.0.0', 'zeta'));

    // On screen before the late node exists: it joins the hall on a version it does not hold,
    // keeps its screens on what they had until the version arrives, then shows it.
    const { revision } = await a.hall.activate('4', 'operator on a');

    const { node: late, root } = await startNode(hallId, { demo: false });
    const screen = connectScreen(late.url, { name: 'late-wall' });
    screens.push(screen);
    const state = await screen.nextState((s) => s.revision === revision);
    expect(state.presentation).toMatchObject({ packId: 'epsilon', packVersion: '1.0.0' });
    await until(() => themeOf(late, '4') === 'epsilon 1.0.0', 'key 4 on the late node');
    await until(() => holds(late, 'zeta', '1.0.0'), 'zeta on the late node');

    // It goes away; meanwhile zeta is deleted; it comes back and deletes it too.
    await late.close();
    nodes.splice(nodes.indexOf(late), 1);
    const deleted = await curator.emitWithAck('deletePackVersion', { packVersionId: zeta });
    expect(deleted).toMatchObject({ ok: true });
    const { node: back } = await startNode(hallId, { demo: false, root });
    await until(() => !holds(back, 'zeta', '1.0.0'), 'zeta gone from the node that came back');
    // It held zeta when it left and deleted it itself, on the hall's word.
    const audit = back.db
      .prepare("SELECT actor, detail FROM audit_log WHERE action = 'pack.delete'")
      .all() as { actor: string; detail: string }[];
    expect(audit).toEqual([
      {
        actor: `admin (on ${a.url})`,
        detail: expect.stringContaining('"packId":"zeta"') as string,
      },
    ]);
    expect(themeOf(back, '4')).toBe('epsilon 1.0.0');
  }, 30_000);

  it('a screen whose node dies finds the pack it shows, files and all, on the other node', async () => {
    const hallId = newHallId();
    const { node: a } = await startNode(hallId);
    const { node: b } = await startNode(hallId, { demo: false });
    const id = await upload(a, packZip('lambda', '1.0.0', 'lambda-picture'));
    const curator = await consoleOn(a);
    expect((await curator.emitWithAck('publishTheme', { key: '5', packVersionId: id })).ok).toBe(
      true,
    );
    const wall = connectScreen(a.url, { name: 'wall' });
    screens.push(wall);
    const welcome = await wall.welcome;
    const { revision } = await a.hall.activate('5', 'operator on a');
    const onA = await wall.nextState((s) => s.revision === revision);
    await until(() => holds(b, 'lambda', '1.0.0'), 'lambda on b');
    await until(() => getScreen(b.db, welcome.screenId)?.approved === true, 'the wall on b');

    // Node a dies; the screen comes back on node b with the key it was given.
    wall.close();
    await a.close();
    nodes.splice(nodes.indexOf(a), 1);
    const moved = connectScreen(b.url, { name: 'wall', key: welcome.key });
    screens.push(moved);
    expect((await moved.welcome).screenId).toBe(welcome.screenId);
    const onB = await moved.nextState((s) => s.revision === revision);
    expect(onB.presentation).toEqual(onA.presentation);
    const image = onB.presentation?.slides[0];
    expect(image?.type).toBe('image');
    const picture = await fetch(`${b.url}${(image as { url: string }).url}`, {
      headers: { authorization: `Screen ${welcome.screenId}.${welcome.key}` },
    });
    expect(picture.status).toBe(200);
    expect(Buffer.from(await picture.arrayBuffer())).toEqual(
      Buffer.concat([TINY_PNG, Buffer.from('lambda-picture')]),
    );
  }, 30_000);

  it('refuses library changes while Redis is away; an import made meanwhile is shared after', async () => {
    const hallId = newHallId();
    const { node: a } = await startNode(hallId);
    const { node: b } = await startNode(hallId, { demo: false });
    await until(() => themeOf(b, '3') === 'gamma 1.0.0', 'demo themes on b');
    const curator = await consoleOn(a);
    const gamma = findPackVersion(a.db, 'gamma', '1.0.0')!;

    await cluster.redis.kill();
    try {
      const refused = await curator.emitWithAck('publishTheme', {
        key: '1',
        packVersionId: gamma.id,
      });
      expect(refused).toMatchObject({
        ok: false,
        error: expect.stringContaining('cannot be reached through Redis'),
      });
      expect(themeOf(a, '1')).toBe('alpha 1.0.0');
      // Imports still work on the node itself; the hall hears of them once Redis is back.
      await upload(a, packZip('theta', '1.0.0', 'theta'));
      // Two curators import different packs under one name and version meanwhile.
      await upload(a, packZip('iota', '1.0.0', 'iota on a'));
      await upload(b, packZip('iota', '1.0.0', 'iota on b'));
    } finally {
      await cluster.redis.start();
    }
    await until(() => holds(b, 'theta', '1.0.0'), 'theta on b after the outage', 20_000);
    // The first to tell Redis wins the name; the other node keeps its own (nothing is lost) and
    // says why it differs from the hall.
    const conflicts = () =>
      [a, b].flatMap((node) =>
        node.librarySync!.status().problems.filter((p) => p.packId === 'iota'),
      );
    await until(() => conflicts().length > 0, 'the iota conflict in a status', 20_000);
    expect(conflicts()).toEqual([
      expect.objectContaining({
        kind: 'conflict',
        reason: expect.stringContaining('different content') as string,
        retryAt: Infinity,
      }),
    ]);
    expect(holds(a, 'iota', '1.0.0') && holds(b, 'iota', '1.0.0')).toBe(true);
    await until(
      async () =>
        (await curator.emitWithAck('publishTheme', { key: '1', packVersionId: gamma.id })).ok,
      'a publish once Redis is back',
      20_000,
    );
    await until(() => themeOf(b, '1') === 'gamma 1.0.0', 'key 1 on gamma on b');
  }, 60_000);

  it('a deletion on one node removes the version and its files on the other', async () => {
    const hallId = newHallId();
    const { node: a } = await startNode(hallId);
    const { node: b, root } = await startNode(hallId, { demo: false });
    const id = await upload(a, packZip('eta', '1.0.0', 'eta-only'));
    await until(() => holds(b, 'eta', '1.0.0'), 'eta on b');
    const files = () => readdirSync(join(root, 'data', 'files'), { recursive: true }).length;
    const before = files();

    const curator = await consoleOn(a);
    // A version a theme plays may not be deleted, on any node.
    const beta = findPackVersion(a.db, 'beta', '1.0.0')!;
    const refused = await curator.emitWithAck('deletePackVersion', { packVersionId: beta.id });
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('theme 2') });

    expect(await curator.emitWithAck('deletePackVersion', { packVersionId: id })).toMatchObject({
      ok: true,
    });
    await until(() => !holds(b, 'eta', '1.0.0'), 'eta gone from b');
    expect(files()).toBe(before - 1);
    expect(holds(b, 'beta', '1.0.0')).toBe(true);
  }, 30_000);

  it('serves packs only to nodes that show the hall secret', async () => {
    const hallId = newHallId();
    const { node: a } = await startNode(hallId);
    const secret = await withRedis(async (c) => c.get(hallKeys(hallId).librarySecret));
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const url = `${a.url}/cluster/packs/alpha/1.0.0.hcpack`;

    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { [SECRET_HEADER]: 'guess' } })).status).toBe(403);
    const otherHall = await fetch(url, { headers: { [SECRET_HEADER]: `${secret!.slice(1)}0` } });
    expect(otherHall.status).toBe(403);
    expect(
      (
        await fetch(`${a.url}/cluster/packs/nope/1.0.0.hcpack`, {
          headers: { [SECRET_HEADER]: secret! },
        })
      ).status,
    ).toBe(404);

    // With the secret: a pack zip the normal import accepts.
    const ok = await fetch(url, { headers: { [SECRET_HEADER]: secret! } });
    expect(ok.status).toBe(200);
    const root = newRoot();
    const path = join(root, 'alpha.hcpack');
    writeFileSync(path, Buffer.from(await ok.arrayBuffer()));
    const source = await openPackSource(path, DEFAULT_PACK_LIMITS);
    try {
      expect(source.problems).toEqual([]);
      expect(source.entries.map((e) => e.path).sort()).toEqual([
        'manifest.json',
        'media/picture.png',
      ]);
    } finally {
      await source.close();
    }
  }, 30_000);

  it('refuses a corrupt pack from a node: nothing kept, the reason in the cluster status', async () => {
    const hallId = newHallId();
    // A "node" that answers with a pack whose manifest names a file it does not carry.
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/zip' });
      res.end(
        buildZip([
          {
            name: 'manifest.json',
            data: Buffer.from(
              JSON.stringify({
                format: 'hallcue-pack/1',
                id: 'evil',
                version: '1.0.0',
                title: { zh: '坏', en: 'Bad' },
                roles: { main: { slides: [{ type: 'image', src: 'media/x.png', duration: 4 }] } },
              }),
            ),
          },
        ]),
      );
    });
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const fakeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const keys = hallKeys(hallId);
    await withRedis(async (c) => {
      await c.hSet(keys.nodes, 'fake-node', JSON.stringify({ url: fakeUrl, at: Date.now() }));
      await c.hSet(
        keys.libraryVersions,
        versionField({ packId: 'evil', version: '1.0.0' }),
        JSON.stringify({
          state: 'present',
          fingerprint: 'e'.repeat(64),
          origin: 'fake-node',
          by: 'intruder',
          at: Date.now(),
          seq: 1,
        }),
      );
      await c.set(keys.librarySeq, '1');
    });

    const { node: b, root } = await startNode(hallId, { demo: false });
    await until(
      () => b.librarySync!.status().problems.some((p) => p.packId === 'evil'),
      'the refusal in the status',
    );
    const problem = b.librarySync!.status().problems.find((p) => p.packId === 'evil')!;
    expect(problem).toMatchObject({ version: '1.0.0', node: fakeUrl, attempts: 1 });
    expect(problem.reason).toMatch(/fingerprint|different content/);
    expect(holds(b, 'evil', '1.0.0')).toBe(false);

    // It claims the hall's fingerprint now: the bytes reach the import, which refuses them.
    server.removeAllListeners('request');
    server.on('request', (_req, res) => {
      res.writeHead(200, { 'x-hallcue-pack-fingerprint': 'e'.repeat(64) });
      res.end(buildZip([{ name: 'manifest.json', data: Buffer.from('{"id": "evil"}') }]));
    });
    await until(
      () => b.librarySync!.status().problems.some((p) => p.kind === 'refused'),
      'a refusal by validation',
    );
    const refused = b.librarySync!.status().problems.find((p) => p.packId === 'evil')!;
    expect(refused.reason).toMatch(/^refused by validation here: manifest\.json/);
    expect(holds(b, 'evil', '1.0.0')).toBe(false);
    expect(readdirSync(join(root, 'data', 'uploads'))).toEqual([]);
    expect(existsSync(join(root, 'data', 'files', '.tmp'))).toBe(true);
    expect(readdirSync(join(root, 'data', 'files', '.tmp'))).toEqual([]);

    // The console's cluster status says so too.
    const res = await fetch(`${b.url}/api/cluster`, {
      headers: { cookie: await loginCookie(b.url) },
    });
    const body = (await res.json()) as {
      data: { library: { problems: { packId: string; reason: string }[] } };
    };
    expect(body.data.library.problems).toEqual([
      expect.objectContaining({ packId: 'evil', reason: refused.reason }),
    ]);
  }, 30_000);
});
