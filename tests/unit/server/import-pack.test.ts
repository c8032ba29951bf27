import { readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../src-controller/server/db/audit-table';
import type { Db } from '../../../src-controller/server/db/open';
import { allFileHashes, countPackVersions } from '../../../src-controller/server/db/packs-table';
import type { FileStore } from '../../../src-controller/server/packs/file-store';
import { PackError, type PackProblem } from '../../../src-controller/server/packs/pack-error';
import { openTempLibrary, storedFiles as filesIn, type TempLibrary } from '../../helpers/library';
import { importPath, TINY_PNG, writePackFolder } from '../../helpers/packs';
import { buildZip, writeZip, type RawEntry } from '../../helpers/zip';

let root: string;
let db: Db;
let store: FileStore;

const storedFiles = () => filesIn(store.root);

const manifest = (overrides: Record<string, unknown> = {}) => ({
  format: 'hallcue-pack/1',
  id: 'zipped',
  version: '1.0.0',
  title: { zh: '压缩包', en: 'Zipped' },
  description: { zh: '测试', en: 'Test' },
  roles: {
    main: {
      slides: [
        { type: 'image', src: 'media/a.png', duration: 5, caption: { zh: '图', en: 'Picture' } },
      ],
    },
  },
  ...overrides,
});

const packZip = (name: string, entries: RawEntry[]) => writeZip(join(root, name), entries);
const goodEntries = (m: object = manifest()): RawEntry[] => [
  { name: 'manifest.json', data: Buffer.from(JSON.stringify(m)), deflate: true },
  { name: 'media/a.png', data: TINY_PNG },
];

let library: TempLibrary;
beforeEach(async () => {
  library = await openTempLibrary('import');
  ({ root, db, store } = library);
});
afterEach(() => library.close());

/** Imports `path`, expects a refusal, checks nothing was kept, and returns the problems. */
async function refused(path: string, limits = {}): Promise<readonly PackProblem[]> {
  let error: unknown;
  try {
    await importPath(db, store, path, limits);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(PackError);
  expect(countPackVersions(db)).toBe(0);
  expect(storedFiles()).toEqual([]);
  expect(readdirSync(join(store.root, '.tmp'))).toEqual([]);
  return (error as PackError).problems;
}

describe('importing good packs', () => {
  it('imports a zip, storing each file once by sha256, and audits it', async () => {
    const result = await importPath(db, store, packZip('good.hcpack', goodEntries()));
    expect(result).toMatchObject({ added: true, manifest: { id: 'zipped' } });
    expect(result.report.warnings).toEqual([]);
    expect([...allFileHashes(db)]).toEqual(storedFiles());
    expect(recentAudit(db, 5).map((e) => e.action)).toEqual(['pack.import']);
  });

  it('imports a folder the same way', async () => {
    const result = await importPath(db, store, writePackFolder(root, 'p', { id: 'alpha' }));
    expect(result.added).toBe(true);
    expect(storedFiles()).toHaveLength(1);
  });

  it('treats the same version with the same content as already imported', async () => {
    const path = packZip('good.zip', goodEntries());
    const first = await importPath(db, store, path);
    const again = await importPath(db, store, path);
    expect(again).toMatchObject({ added: false, packVersionId: first.packVersionId, newBytes: 0 });
  });

  it('keeps the old version when a new one arrives, and moves only the changed file', async () => {
    const two = (version: string, second: Buffer): RawEntry[] => [
      {
        name: 'manifest.json',
        data: Buffer.from(
          JSON.stringify(
            manifest({
              version,
              roles: {
                main: {
                  slides: [
                    { type: 'image', src: 'media/a.png', duration: 5 },
                    { type: 'image', src: 'media/b.png', duration: 5 },
                  ],
                },
              },
            }),
          ),
        ),
      },
      { name: 'media/a.png', data: TINY_PNG },
      { name: 'media/b.png', data: second },
    ];
    await importPath(
      db,
      store,
      packZip('v1.zip', two('1.0.0', Buffer.concat([TINY_PNG, Buffer.from('1')]))),
    );
    const changed = Buffer.concat([TINY_PNG, Buffer.from('two')]);
    const v2 = await importPath(db, store, packZip('v2.zip', two('1.1.0', changed)));
    expect(countPackVersions(db)).toBe(2);
    expect(v2.newBytes).toBe(changed.length);
    expect(storedFiles()).toHaveLength(3);
  });

  it('warns, without refusing, about a missing language, an unused file and a huge image', async () => {
    const huge = Buffer.from(TINY_PNG);
    huge.writeUInt32BE(8000, 16);
    huge.writeUInt32BE(6000, 20);
    const result = await importPath(
      db,
      store,
      packZip('warn.zip', [
        {
          name: 'manifest.json',
          data: Buffer.from(JSON.stringify(manifest({ title: { zh: '只有中文' } }))),
        },
        { name: 'media/a.png', data: huge },
        { name: 'notes.txt', data: Buffer.from('draft') },
      ]),
    );
    const warnings = result.report.warnings.map((w) => `${w.file} ${w.field ?? ''} ${w.reason}`);
    expect(warnings).toEqual(
      expect.arrayContaining([
        'manifest.json /title has no en text',
        'notes.txt  is not used by any slide and will not be imported',
        expect.stringMatching(/^media\/a\.png {2}is 8000x6000, larger than any screen/),
      ]),
    );
  });
});

describe('bad packs are refused with a clear error and change nothing', () => {
  it('not a zip', async () => {
    const path = join(root, 'photo.hcpack');
    writeFileSync(path, TINY_PNG);
    expect(await refused(path)).toEqual([
      { file: path, reason: 'is not a zip file (a pack is a .hcpack or .zip, or a folder)' },
    ]);
  });

  it('a truncated zip', async () => {
    const path = join(root, 'cut.zip');
    const whole = buildZip(goodEntries());
    writeFileSync(path, whole.subarray(0, whole.length - 30));
    const [problem] = await refused(path);
    expect(problem?.reason).toMatch(/^is not a readable zip file: /);
  });

  it('no manifest', async () => {
    expect(await refused(packZip('bare.zip', [{ name: 'media/a.png', data: TINY_PNG }]))).toEqual([
      { file: 'manifest.json', reason: 'missing at the root of the pack' },
    ]);
  });

  it('a manifest that is not JSON', async () => {
    const [problem] = await refused(
      packZip('nojson.zip', [{ name: 'manifest.json', data: Buffer.from('{ "id": ') }]),
    );
    expect(problem).toMatchObject({ file: 'manifest.json' });
    expect(problem?.reason).toMatch(/^is not valid JSON: /);
  });

  it('a manifest that fails the schema, with every problem as a JSON pointer', async () => {
    const bad = manifest({
      id: 42,
      roles: {
        side: {
          slides: [
            { type: 'image', src: 'media/a.png', duration: -3 },
            { type: 'hologram', src: 'x', duration: 5 },
          ],
        },
      },
    });
    const problems = await refused(packZip('schema.zip', goodEntries(bad)));
    const lines = problems.map((p) => `${p.field}: ${p.reason}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/id: /),
        '/roles/side/slides/0/duration: must be more than 0 seconds',
        '/roles/side/slides/1/type: type must be one of image, video, text, html, model',
        '/roles: needs a "main" role',
      ]),
    );
  });

  it('a referenced file missing', async () => {
    const problems = await refused(packZip('missing.zip', goodEntries().slice(0, 1)));
    expect(problems).toEqual([
      {
        file: 'media/a.png',
        field: '/roles/main/slides/0/src',
        reason: 'is referenced but not in the pack',
      },
    ]);
  });

  it('a file whose bytes do not match its kind', async () => {
    const problems = await refused(
      packZip('kind.zip', [
        goodEntries()[0]!,
        { name: 'media/a.png', data: Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]) },
      ]),
    );
    expect(problems).toEqual([
      {
        file: 'media/a.png',
        field: '/roles/main/slides/0/src',
        reason: 'is a video (video/webm) but is used as image',
      },
    ]);
  });

  it.each([
    ['../evil.png', 'climbs out of the pack with ".."'],
    ['media/../../evil.png', 'climbs out of the pack with ".."'],
    ['/etc/cron.d/evil', 'is an absolute path'],
    ['C:/evil.png', 'is an absolute path'],
    ['media\\evil.png', 'uses "\\" in its name; zip names must use "/"'],
  ])('zip-slip name %s', async (name, reason) => {
    const problems = await refused(
      packZip('slip.zip', [...goodEntries(), { name, data: TINY_PNG }]),
    );
    expect(problems).toContainEqual({ file: name, reason });
  });

  it('a link inside the zip', async () => {
    const problems = await refused(
      packZip('link.zip', [
        goodEntries()[0]!,
        { name: 'media/a.png', data: Buffer.from('/etc/passwd'), mode: 0o120777 },
      ]),
    );
    expect(problems).toContainEqual({
      file: 'media/a.png',
      reason: 'is a link; packs may hold only regular files',
    });
  });

  it('a link inside a folder pack', async () => {
    const dir = writePackFolder(root, 'p', { id: 'alpha' });
    symlinkSync('/etc/passwd', join(dir, 'media', 'extra.png'));
    expect(await refused(dir)).toContainEqual({
      file: 'media/extra.png',
      reason: 'is a link; packs may hold only regular files',
    });
  });

  it('a zip bomb: tiny compressed, huge expanded', async () => {
    const bomb = Buffer.alloc(64 * 1024 * 1024);
    const problems = await refused(
      packZip('bomb.zip', [...goodEntries(), { name: 'media/big.png', data: bomb, deflate: true }]),
    );
    expect(problems).toContainEqual({
      file: 'media/big.png',
      reason: expect.stringMatching(/^expands \d+:1 \(limit 100:1\); this looks like a zip bomb$/),
    });
  });

  it('a zip whose header lies about the expanded size', async () => {
    const problems = await refused(
      packZip('liar.zip', [
        goodEntries()[0]!,
        {
          name: 'media/a.png',
          data: Buffer.concat([TINY_PNG, Buffer.alloc(4096)]),
          declaredSize: 100,
        },
      ]),
    );
    expect(problems.length).toBeGreaterThan(0);
  });

  it('over the size and count limits', async () => {
    const path = packZip('big.zip', goodEntries());
    expect(await refused(path, { maxFileBytes: 10 })).toContainEqual({
      file: 'manifest.json',
      reason: expect.stringMatching(/^expands to \d+ bytes; the limit per file is 10 bytes$/),
    });
    expect(await refused(path, { maxEntries: 1 })).toEqual([
      { file: path, reason: 'has 2 entries; the limit is 1' },
    ]);
  });

  it('duplicate entry names', async () => {
    const problems = await refused(
      packZip('dup.zip', [...goodEntries(), { name: 'media/a.png', data: Buffer.from('other') }]),
    );
    expect(problems).toContainEqual({
      file: 'media/a.png',
      reason: 'appears more than once in the zip',
    });
  });

  it('an enormous manifest', async () => {
    const huge = manifest({
      description: { zh: 'x'.repeat(1500), en: 'y' },
      pad: 'z'.repeat(2_000_000),
    });
    const entries = goodEntries(huge).map((e) => ({ ...e, deflate: false }));
    expect(await refused(packZip('fat.zip', entries))).toEqual([
      {
        file: 'manifest.json',
        reason: expect.stringMatching(/^is 1\.9 MiB; the limit is 1\.0 MiB$/),
      },
    ]);
  });

  it('a name that is not UTF-8', async () => {
    const latin1 = Buffer.from([0x6d, 0x65, 0x64, 0x69, 0x61, 0x2f, 0xe9, 0x2e, 0x70, 0x6e, 0x67]);
    const problems = await refused(
      packZip('latin1.zip', [...goodEntries(), { name: latin1, data: TINY_PNG, utf8Flag: false }]),
    );
    expect(problems).toContainEqual({
      file: 'media/é.png',
      reason: 'has a name that is not UTF-8; re-create the zip with UTF-8 names',
    });
  });

  it('the same version imported twice with different content', async () => {
    await importPath(db, store, packZip('one.zip', goodEntries()));
    const before = storedFiles();
    let error: unknown;
    try {
      await importPath(
        db,
        store,
        packZip('two.zip', [
          goodEntries()[0]!,
          { name: 'media/a.png', data: Buffer.concat([TINY_PNG, Buffer.from('!')]) },
        ]),
      );
    } catch (e) {
      error = e;
    }
    expect((error as PackError).problems).toEqual([
      {
        file: 'manifest.json',
        field: '/version',
        reason:
          'version 1.0.0 of pack "zipped" is already in the library with different content; give this one a new version',
      },
    ]);
    expect(countPackVersions(db)).toBe(1);
    expect(storedFiles()).toEqual(before);
  });
});
