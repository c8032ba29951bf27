import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_PNG, writePackFolder } from '../helpers/packs';
import { writeZip } from '../helpers/zip';

const repo = resolve(import.meta.dirname, '..', '..');
/** tsx compiles the CLI on every start, which takes a few seconds on a slow machine. */
const SPAWN_TIMEOUT = 30_000;
const TEST_TIMEOUT = 90_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `hallcue pack …args` as a real process and returns its exit code and output. */
function hallcue(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src-controller/server/cli.ts', 'pack', ...args],
      { cwd: repo, timeout: SPAWN_TIMEOUT, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Every file under DIR/files, the store's temporary folder included. */
const storeFiles = (dataDir: string) =>
  readdirSync(join(dataDir, 'files'), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hallcue-cli-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('hallcue pack validate', () => {
  it(
    'accepts a demo pack',
    async () => {
      const run = await hallcue('validate', 'assets/packs/1-congress-report');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('✓ assets/packs/1-congress-report is a valid pack');
    },
    TEST_TIMEOUT,
  );

  it(
    'lists every problem of a broken manifest with its JSON pointer and exits 1',
    async () => {
      const dir = writePackFolder(root, 'broken', { id: 'broken' });
      writeFileSync(
        join(dir, 'manifest.json'),
        JSON.stringify({
          format: 'hallcue-pack/1',
          id: 'Broken Pack',
          version: '1.0',
          title: { en: 'Broken' },
          roles: {
            side: {
              slides: [
                { type: 'image', src: 'media/picture.png', duration: -3 },
                { type: 'hologram', src: 'x', duration: 5 },
              ],
            },
          },
        }),
      );
      const run = await hallcue('validate', dir);
      expect(run.code).toBe(1);
      const lines = run.stdout.split('\n').map((l) => l.trim());
      expect(lines[0]).toBe(`✗ ${dir}: 5 problems`);
      expect(lines).toEqual(
        expect.arrayContaining([
          'manifest.json (/id): must be a slug: lowercase letters, digits and "-"',
          'manifest.json (/version): must look like 1.0.0',
          'manifest.json (/roles/side/slides/0/duration): must be more than 0 seconds',
          'manifest.json (/roles/side/slides/1/type): type must be one of image, video, text, html, model',
          'manifest.json (/roles): needs a "main" role',
        ]),
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'prints the report as JSON with --json',
    async () => {
      const run = await hallcue('validate', '--json', 'assets/packs/1-congress-report');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ valid: true, problems: [] });
    },
    TEST_TIMEOUT,
  );
});

describe('hallcue pack build, import and list', () => {
  it(
    'builds a folder into a .hcpack that validate accepts',
    async () => {
      const dir = writePackFolder(root, 'good', { id: 'cli-pack', en: 'From the CLI' });
      const out = join(root, 'cli-pack.hcpack');
      const built = await hallcue('build', dir, '-o', out);
      expect(built.code).toBe(0);
      expect(built.stdout).toContain(`wrote ${out}`);
      expect(built.stdout).toContain('2 files');
      expect(readFileSync(out).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
      expect(existsSync(`${out}.partial`)).toBe(false);

      const validated = await hallcue('validate', out);
      expect(validated.code).toBe(0);
      expect(validated.stdout).toContain(`✓ ${out} is a valid pack`);
    },
    TEST_TIMEOUT,
  );

  it(
    'writes nothing when the folder is not a valid pack',
    async () => {
      const dir = writePackFolder(root, 'no-image', { id: 'no-image' });
      rmSync(join(dir, 'media', 'picture.png'));
      const out = join(root, 'no-image.hcpack');
      const run = await hallcue('build', dir, '-o', out);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        'media/picture.png (/roles/main/slides/0/src): is referenced but not in the pack',
      );
      expect(existsSync(out)).toBe(false);
      expect(existsSync(`${out}.partial`)).toBe(false);
    },
    TEST_TIMEOUT,
  );

  it(
    'imports a built pack, publishes it to a key and lists it with that key',
    async () => {
      const dir = writePackFolder(root, 'to-import', { id: 'imported', salt: 'x' });
      const out = join(root, 'imported.hcpack');
      expect((await hallcue('build', dir, '-o', out)).code).toBe(0);
      const data = join(root, 'data-import');

      const imported = await hallcue('import', out, '--data', data, '--publish', '4');
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(/imported imported 1\.0\.0 \(version id 1; .* new\)/);
      expect(imported.stdout).toContain('published to theme key 4');
      expect(storeFiles(data)).toHaveLength(1);

      const listed = await hallcue('list', '--data', data);
      expect(listed.code).toBe(0);
      const row = listed.stdout.split('\n').find((l) => l.includes('imported'));
      expect(row).toBeDefined();
      expect(row!.trim().split(/\s{2,}/)).toEqual(
        expect.arrayContaining(['1', 'imported', '1.0.0', '4']),
      );

      const json = await hallcue('list', '--data', data, '--json');
      expect(JSON.parse(json.stdout)).toEqual([
        expect.objectContaining({
          packVersionId: 1,
          packId: 'imported',
          version: '1.0.0',
          usedBy: ['4'],
          files: 1,
        }),
      ]);

      // Importing the same file again changes nothing.
      const again = await hallcue('import', out, '--data', data);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('imported 1.0.0 is already in the library (version id 1)');
    },
    TEST_TIMEOUT,
  );

  it(
    'refuses a bad zip with exit code 1 and stores none of its files',
    async () => {
      const data = join(root, 'data-bad');
      const good = writePackFolder(root, 'first', { id: 'first', salt: 'first' });
      expect((await hallcue('import', good, '--data', data)).code).toBe(0);
      const before = storeFiles(data);
      expect(before).toHaveLength(1);

      const bad = writeZip(join(root, 'bad.hcpack'), [
        {
          name: 'manifest.json',
          data: Buffer.from(
            JSON.stringify({
              format: 'hallcue-pack/1',
              id: 'bad',
              version: '1.0.0',
              title: { en: 'Bad' },
              roles: {
                main: {
                  slides: [
                    { type: 'image', src: 'media/ok.png', duration: 5 },
                    { type: 'image', src: 'media/fake.png', duration: 5 },
                  ],
                },
              },
            }),
          ),
        },
        { name: 'media/ok.png', data: Buffer.concat([TINY_PNG, Buffer.from('bad-pack')]) },
        { name: 'media/fake.png', data: Buffer.from('this is not a picture') },
      ]);
      const run = await hallcue('import', bad, '--data', data);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`✗ ${bad}: 1 problem`);
      expect(run.stdout).toContain(
        'media/fake.png (/roles/main/slides/1/src): is not a recognised image (checked its bytes)',
      );
      expect(storeFiles(data)).toEqual(before);

      const listed = await hallcue('list', '--data', data, '--json');
      expect((JSON.parse(listed.stdout) as { packId: string }[]).map((p) => p.packId)).toEqual([
        'first',
      ]);
    },
    TEST_TIMEOUT,
  );

  it(
    'says where it looked when there is no library to list',
    async () => {
      const empty = join(root, 'nothing-here');
      mkdirSync(empty);
      const run = await hallcue('list', '--data', empty);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`no HallCue library in ${empty}`);
    },
    TEST_TIMEOUT,
  );
});
