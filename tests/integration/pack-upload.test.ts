import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackProgress, PackSummary } from '../../src-shared/protocol';
import {
  connectConsole,
  loginCookie,
  connectScreen,
  sleep,
  type ConsoleSocket,
  type TestScreen,
} from '../helpers/clients';
import { startTestHall, type TestHall } from '../helpers/controller';
import { TINY_PNG } from '../helpers/packs';
import { buildZip, type RawEntry } from '../helpers/zip';

let hall: TestHall;
const consoles: ConsoleSocket[] = [];
const screens: TestScreen[] = [];

beforeEach(async () => {
  hall = await startTestHall();
});
afterEach(async () => {
  for (const c of consoles.splice(0)) c.close();
  for (const s of screens.splice(0)) s.close();
  await hall.cleanup();
});

const openConsole = async () => {
  const c = await connectConsole(hall.controller.url);
  consoles.push(c);
  return c;
};

const manifest = (overrides: Record<string, unknown> = {}) => ({
  format: 'hallcue-pack/1',
  id: 'uploaded',
  version: '1.0.0',
  title: { zh: '上传的主题', en: 'Uploaded theme' },
  description: { zh: '测试', en: 'Test' },
  roles: {
    main: { slides: [{ type: 'image', src: 'media/a.png', duration: 4 }] },
  },
  ...overrides,
});

const pack = (m: object = manifest(), image: Buffer = TINY_PNG): Buffer =>
  buildZip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(m)), deflate: true },
    { name: 'media/a.png', data: image },
  ]);

interface UploadAnswer {
  status: number;
  body: {
    ok: boolean;
    data?: { packVersionId: number; packId: string; version: string; added: boolean };
    error?: string;
    problems?: { file: string; field?: string; reason: string }[];
  };
}

async function upload(body: Buffer, uploadId = 'test-1'): Promise<UploadAnswer> {
  const res = await fetch(`${hall.controller.url}/api/packs`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: {
      'X-Upload-Id': uploadId,
      'Content-Type': 'application/octet-stream',
      cookie: await loginCookie(hall.controller.url),
    },
  });
  return { status: res.status, body: (await res.json()) as UploadAnswer['body'] };
}

/** Every file under DATA/files (the store, its temp folder included). */
const storedFiles = () => {
  const root = join(hall.dataDir, 'files');
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
};

/** What is left in DATA/uploads once the controller has cleaned up after a request. */
async function uploadsLeft(): Promise<string[]> {
  const dir = join(hall.dataDir, 'uploads');
  // The answer goes out just before the temporary file is removed: give that a moment.
  for (let i = 0; i < 50; i++) {
    if (!existsSync(dir) || readdirSync(dir).length === 0) return [];
    await sleep(20);
  }
  return readdirSync(dir);
}

/** Resolves with the first `event` payload matching `predicate`. */
function nextEvent<T>(
  socket: ConsoleSocket,
  event: 'library' | 'packProgress',
  predicate: (payload: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const loose = socket as unknown as {
    on(e: string, l: (p: T) => void): void;
    off(e: string, l: (p: T) => void): void;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      loose.off(event, listener);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      loose.off(event, listener);
      resolve(payload);
    };
    loose.on(event, listener);
  });
}

describe('POST /api/packs', () => {
  it('imports a good pack, reports progress and tells consoles about the library', async () => {
    const console = await openConsole();
    const progress: PackProgress[] = [];
    console.on('packProgress', (p) => progress.push(p));
    const done = nextEvent<PackProgress>(console, 'packProgress', (p) => p.phase === 'done');
    const library = nextEvent<{ packs: PackSummary[] }>(console, 'library', (l) =>
      l.packs.some((p) => p.packId === 'uploaded'),
    );

    const answer = await upload(pack());
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      ok: true,
      data: { packId: 'uploaded', version: '1.0.0', added: true },
    });
    expect(answer.body.data?.packVersionId).toBeGreaterThan(0);

    await done;
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.uploadId === 'test-1')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', uploadId: 'test-1' });
    const last = progress.at(-1)!;
    expect(last.doneBytes).toBe(last.totalBytes);
    expect(last.totalBytes).toBe(TINY_PNG.length);

    const { packs } = await library;
    expect(packs.find((p) => p.packId === 'uploaded')).toMatchObject({
      packVersionId: answer.body.data?.packVersionId,
      version: '1.0.0',
      title: { zh: '上传的主题', en: 'Uploaded theme' },
      slideCount: 1,
      files: 1,
      usedBy: [],
      onAir: false,
    });
    expect(await uploadsLeft()).toEqual([]);
  });

  it('answers the same pack uploaded again as already imported', async () => {
    const first = await upload(pack());
    const again = await upload(pack(), 'test-2');
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({
      packVersionId: first.body.data?.packVersionId,
      added: false,
    });
  });

  it('refuses a bad pack with 422, naming each file and reason, and keeps nothing', async () => {
    const before = storedFiles();
    const bad = manifest({
      roles: { main: { slides: [{ type: 'image', src: 'media/missing.png', duration: 4 }] } },
    });
    const answer = await upload(pack(bad));
    expect(answer.status).toBe(422);
    expect(answer.body.ok).toBe(false);
    expect(answer.body.error).toMatch(/refused/);
    expect(answer.body.problems).toEqual([
      {
        file: 'media/missing.png',
        field: '/roles/main/slides/0/src',
        reason: 'is referenced but not in the pack',
      },
    ]);
    expect(storedFiles()).toEqual(before);
    expect(await uploadsLeft()).toEqual([]);
  });

  it('refuses something that is not a zip, calling it "the upload" and not by its temp path', async () => {
    const before = storedFiles();
    const answer = await upload(TINY_PNG);
    expect(answer.status).toBe(422);
    expect(answer.body.problems).toEqual([
      {
        file: 'the upload',
        reason: 'is not a zip file (a pack is a .hcpack or .zip, or a folder)',
      },
    ]);
    expect(storedFiles()).toEqual(before);
    expect(await uploadsLeft()).toEqual([]);
  });

  it('refuses a schema-breaking manifest with JSON pointers', async () => {
    const answer = await upload(pack(manifest({ id: 'Not A Slug', version: 'one' })));
    expect(answer.status).toBe(422);
    expect(answer.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'manifest.json', field: '/id' }),
        { file: 'manifest.json', field: '/version', reason: 'must look like 1.0.0' },
      ]),
    );
  });

  it('refuses the same version with other content, removing the files it had stored', async () => {
    await upload(pack());
    const before = storedFiles();
    const answer = await upload(pack(manifest(), Buffer.concat([TINY_PNG, Buffer.from('!')])));
    expect(answer.status).toBe(422);
    expect(answer.body.problems).toEqual([
      {
        file: 'manifest.json',
        field: '/version',
        reason:
          'version 1.0.0 of pack "uploaded" is already in the library with different content; give this one a new version',
      },
    ]);
    expect(storedFiles()).toEqual(before);
    expect(await uploadsLeft()).toEqual([]);
  });
});

describe('publishing, rolling back and deleting from the console', () => {
  const entries = (m: object): RawEntry[] => [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(m)) },
    { name: 'media/a.png', data: TINY_PNG },
  ];

  it('publishes an uploaded pack to a key that then switches the screens to it', async () => {
    const answer = await upload(buildZip(entries(manifest())));
    const packVersionId = answer.body.data!.packVersionId;
    const screen = connectScreen(hall.controller.url, { name: 'wall' });
    screens.push(screen);
    await screen.nextState((s) => s.revision === 0);
    const console = await openConsole();

    const library = nextEvent<{ packs: PackSummary[] }>(console, 'library', (l) =>
      l.packs.some((p) => p.packVersionId === packVersionId && p.usedBy.includes('4')),
    );
    expect(await console.emitWithAck('publishTheme', { key: '4', packVersionId })).toEqual({
      ok: true,
      data: null,
    });
    await library;

    const activated = await console.emitWithAck('activate', { key: '4' });
    expect(activated.ok).toBe(true);
    const state = await screen.nextState((s) => s.revision === 1);
    expect(state.presentation).toMatchObject({
      themeKey: '4',
      packId: 'uploaded',
      packVersion: '1.0.0',
      title: { zh: '上传的主题', en: 'Uploaded theme' },
    });
    expect(state.presentation?.slides).toEqual([
      expect.objectContaining({
        type: 'image',
        durationMs: 4000,
        url: expect.stringMatching(/^\/files\/[0-9a-f]{64}$/),
      }),
    ]);
  });

  it('refuses a rollback or a delete that is not allowed, saying why', async () => {
    const v1 = (await upload(buildZip(entries(manifest())))).body.data!.packVersionId;
    const v2 = (await upload(buildZip(entries(manifest({ version: '1.1.0' }))), 'test-2')).body
      .data!.packVersionId;
    const console = await openConsole();

    expect(await console.emitWithAck('rollbackTheme', { key: '9' })).toEqual({
      ok: false,
      error: 'theme 9 has never been published',
    });
    await console.emitWithAck('publishTheme', { key: '4', packVersionId: v1 });
    expect(await console.emitWithAck('rollbackTheme', { key: '4' })).toEqual({
      ok: false,
      error: 'theme 4 has no earlier version to roll back to',
    });
    expect(await console.emitWithAck('deletePackVersion', { packVersionId: v1 })).toEqual({
      ok: false,
      error: 'uploaded 1.0.0 is used by theme 4; publish another version there first',
    });

    // On screen, then replaced on its key: still not deletable while it is shown.
    await console.emitWithAck('activate', { key: '4' });
    await console.emitWithAck('publishTheme', { key: '4', packVersionId: v2 });
    expect(await console.emitWithAck('deletePackVersion', { packVersionId: v1 })).toEqual({
      ok: false,
      error: 'uploaded 1.0.0 is on screen now; switch the hall first',
    });
    expect(await console.emitWithAck('deletePackVersion', { packVersionId: 9999 })).toEqual({
      ok: false,
      error: 'no pack version with id 9999',
    });
    expect(await console.emitWithAck('publishTheme', { key: '4', packVersionId: 9999 })).toEqual({
      ok: false,
      error: 'no pack version with id 9999',
    });

    // The allowed ones work: roll key 4 back to v1, then v2 (unused, not shown) can go.
    expect(await console.emitWithAck('rollbackTheme', { key: '4' })).toEqual({
      ok: true,
      data: { packVersionId: v1 },
    });
    const before = storedFiles();
    expect(await console.emitWithAck('deletePackVersion', { packVersionId: v2 })).toEqual({
      ok: true,
      data: { freedFiles: 0 },
    });
    // v2 shared its only file with v1, so nothing left the store.
    expect(storedFiles()).toEqual(before);
  });

  it('frees the files of a deleted version that nothing else uses', async () => {
    const image = Buffer.concat([TINY_PNG, Buffer.from('only-mine')]);
    const answer = await upload(pack(manifest({ id: 'doomed' }), image));
    const packVersionId = answer.body.data!.packVersionId;
    const withIt = storedFiles();
    const console = await openConsole();
    expect(await console.emitWithAck('deletePackVersion', { packVersionId })).toEqual({
      ok: true,
      data: { freedFiles: 1 },
    });
    const after = storedFiles();
    expect(after).toHaveLength(withIt.length - 1);
  });
});
