import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PackProgress } from '../../src-shared/protocol';
import { startController, type Controller } from '../../src-controller/server/controller';
import { silentLogger } from '../../src-controller/server/logger';
import { bigPack } from '../helpers/big-pack';
import { connectConsole, connectScreen, loginCookie, type ConsoleSocket } from '../helpers/clients';
import { spawnController, type ControllerProcess } from '../helpers/cli';
import { TEST_ADMIN } from '../helpers/controller';
import { writeDemoFolder } from '../helpers/packs';

const MiB = 1024 * 1024;

let root: string;
const mounts: string[] = [];
let child: ControllerProcess | undefined;
let inProcess: Controller | undefined;
let console: ConsoleSocket | undefined;
afterEach(async () => {
  console?.close();
  console = undefined;
  await child?.kill();
  child = undefined;
  await inProcess?.close();
  inProcess = undefined;
  for (const mount of mounts.splice(0).reverse()) execFileSync('umount', ['-l', mount]);
  rmSync(root, { recursive: true, force: true });
});

/** What the store holds on disk, and what the database says it holds. */
function storeState(dataDir: string) {
  const onDisk = readdirSync(join(dataDir, 'files'), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(join(dataDir, 'files').length + 1))
    .sort();
  const db = new Database(join(dataDir, 'hallcue.db'), { readonly: true });
  try {
    const known = (db.prepare('SELECT sha256 FROM files').all() as { sha256: string }[])
      .map((r) => `${r.sha256.slice(0, 2)}/${r.sha256}`)
      .sort();
    const packs = (
      db.prepare('SELECT DISTINCT pack_id AS id FROM pack_versions').all() as {
        id: string;
      }[]
    ).map((r) => r.id);
    return { onDisk, known, packs };
  } finally {
    db.close();
  }
}

const upload = async (url: string, body: Buffer) =>
  fetch(`${url}/api/packs`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: { cookie: await loginCookie(url) },
  });

/** Whether this machine lets the tests mount file systems (root in a container usually may). */
function mayMount(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'hallcue-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
const canMount = mayMount();

async function expectStillServing(controller: Controller) {
  const health = await fetch(`${controller.url}/api/health`);
  expect(health.status).toBe(200);
  console = await connectConsole(controller.url);
  const reply = await console.emitWithAck('activate', { key: '2' });
  expect(reply.ok).toBe(true);
  const screen = connectScreen(controller.url, { name: 'after-fault' });
  const state = await screen.nextState();
  expect(state.presentation?.themeKey).toBe('2');
  screen.close();
}

describe('killed during a pack import', () => {
  it('leaves no rows and no orphan files after the restart', { timeout: 90_000 }, async () => {
    root = mkdtempSync(join(tmpdir(), 'hallcue-killimport-'));
    const dataDir = join(root, 'data');
    child = await spawnController(dataDir);
    const before = storeState(dataDir);
    console = await connectConsole(child.url);
    const storing = new Promise<void>((resolve) => {
      console!.on('packProgress', (p: PackProgress) => {
        if (p.phase === 'storing' && p.doneBytes > 0) resolve();
      });
    });
    // 48 MiB: progress comes every 8 MiB, so the kill lands with most of the pack still to go.
    const answer = upload(child.url, bigPack('big', 48, MiB)).catch(() => null);
    await storing;
    await child.kill('SIGKILL');
    expect(await answer).toBeNull();

    // Killed mid-import: part of the pack is on disk, none of it in the database.
    const killed = storeState(dataDir);
    expect(killed.packs).not.toContain('big');
    expect(killed.onDisk.length).toBeGreaterThan(before.onDisk.length);
    expect(existsSync(join(dataDir, 'uploads'))).toBe(true);

    child = await spawnController(dataDir, child.port);
    const after = storeState(dataDir);
    expect(after.packs).not.toContain('big');
    expect(after.onDisk).toEqual(after.known);
    expect(after.onDisk).toEqual(before.onDisk);
    expect(existsSync(join(dataDir, 'uploads'))).toBe(false);
    expect((await fetch(`${child.url}/api/health`)).status).toBe(200);
  });
});

describe.skipIf(!canMount)('storage faults during an import (tmpfs and bind mounts)', () => {
  async function startOn(dataDir: string, demoDir: string) {
    inProcess = await startController({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      demoPacksDir: demoDir,
      logger: silentLogger(),
      leadMs: 50,
      initialAdmin: TEST_ADMIN,
    });
    return inProcess;
  }

  it(
    'disk full: a clear error, nothing half-written, the controller keeps serving',
    { timeout: 60_000 },
    async () => {
      root = mkdtempSync(join(tmpdir(), 'hallcue-diskfull-'));
      const demoDir = writeDemoFolder(root);
      const dataDir = join(root, 'data');
      mkdirSync(dataDir);
      // Room for the upload's temporary copy (10 MiB) but not for storing it as well.
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=14m', 'tmpfs', dataDir]);
      mounts.push(dataDir);
      const controller = await startOn(dataDir, demoDir);
      const before = storeState(dataDir);

      const res = await upload(controller.url, bigPack('big', 10, MiB));
      expect(res.status).toBe(507);
      const body = (await res.json()) as { ok: boolean; error: string };
      expect(body.error).toMatch(/disk is full/);
      expect(body.error).toMatch(/Nothing was kept/);

      const after = storeState(dataDir);
      expect(after.packs).not.toContain('big');
      expect(after.onDisk).toEqual(before.onDisk);
      expect(readdirSync(join(dataDir, 'uploads'))).toEqual([]);
      await expectStillServing(controller);
      // The space came back: a pack that fits imports fine.
      expect((await upload(controller.url, bigPack('small', 2, 64 * 1024))).status).toBe(200);
    },
  );

  it(
    'read-only store: a clear error, nothing half-written, the controller keeps serving',
    { timeout: 60_000 },
    async () => {
      root = mkdtempSync(join(tmpdir(), 'hallcue-readonly-'));
      const demoDir = writeDemoFolder(root);
      const dataDir = join(root, 'data');
      const controller = await startOn(dataDir, demoDir);
      const before = storeState(dataDir);
      const files = join(dataDir, 'files');
      execFileSync('mount', ['--bind', files, files]);
      mounts.push(files);
      execFileSync('mount', ['-o', 'remount,bind,ro', files]);

      const res = await upload(controller.url, bigPack('big', 4, 256 * 1024));
      expect(res.status).toBe(507);
      expect(((await res.json()) as { error: string }).error).toMatch(
        /data directory is read-only/,
      );
      const after = storeState(dataDir);
      expect(after.packs).not.toContain('big');
      expect(after.onDisk).toEqual(before.onDisk);
      await expectStillServing(controller);
    },
  );
});
