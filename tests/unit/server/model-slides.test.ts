import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countPackVersions, packVersionFiles } from '../../../src-controller/server/db/packs-table';
import { checkGlb } from '../../../src-controller/server/packs/glb-check';
import { PackError, type PackProblem } from '../../../src-controller/server/packs/pack-error';
import { parseManifest } from '../../../src-shared/manifest';
import { openTempLibrary, type TempLibrary } from '../../helpers/library';
import { smallGlb } from '../../helpers/models';
import { importPath, TINY_PNG } from '../../helpers/packs';
import { writeZip, type RawEntry } from '../../helpers/zip';

const manifest = (slide: Record<string, unknown>) => ({
  format: 'hallcue-pack/1',
  id: 'models',
  version: '1.0.0',
  title: { zh: '模型', en: 'Models' },
  description: { zh: '测试', en: 'Test' },
  roles: { main: { slides: [slide] } },
});

const modelSlide = { type: 'model', src: 'media/cone.glb', duration: 10, qr: true };

let library: TempLibrary;
beforeEach(async () => {
  library = await openTempLibrary('models');
});
afterEach(() => library.close());

async function importEntries(entries: RawEntry[]) {
  const path = writeZip(join(library.root, 'pack.zip'), entries);
  return importPath(library.db, library.store, path);
}

async function refusedWith(entries: RawEntry[]): Promise<PackProblem[]> {
  const error = await importEntries(entries).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PackError);
  expect(countPackVersions(library.db)).toBe(0);
  return [...(error as PackError).problems];
}

describe('checkGlb', () => {
  it('accepts a real glTF binary and reads its version and meshes', () => {
    const glb = smallGlb();
    expect(checkGlb(glb, glb.length)).toEqual({ version: '2.0', meshes: 1 });
  });

  it('accepts the demo trophy', () => {
    const path = join(
      import.meta.dirname,
      '../../../assets/packs/3-political-birthday/media/trophy.glb',
    );
    const glb = readFileSync(path);
    expect(glb.length).toBeLessThan(20 * 1024);
    expect(checkGlb(glb, glb.length)).toEqual({ version: '2.0', meshes: 1 });
  });

  it('names what is wrong with a broken file', () => {
    const glb = smallGlb();
    const wrongVersion = Buffer.from(glb);
    wrongVersion.writeUInt32LE(1, 4);
    const badJson = Buffer.from(glb);
    badJson.write('{oops', 20, 'latin1');
    const noMagic = Buffer.from(glb);
    noMagic.write('gltf', 0, 'latin1');
    expect(checkGlb(glb.subarray(0, glb.length - 4), glb.length - 4)).toEqual({
      problem: `declares ${glb.length} bytes in its header but is ${glb.length - 4} bytes (truncated or padded)`,
    });
    expect(checkGlb(wrongVersion, glb.length)).toEqual({
      problem: 'is glTF binary version 1; only version 2 is read',
    });
    expect(checkGlb(noMagic, glb.length)).toEqual({ problem: 'does not start with "glTF"' });
    expect(checkGlb(badJson, glb.length)).toMatchObject({
      problem: expect.stringContaining('has a JSON chunk that is not valid UTF-8 JSON') as string,
    });
    expect(checkGlb(Buffer.alloc(8), 8)).toEqual({
      problem: 'is too short to be a binary glTF file',
    });
  });
});

describe('model slides in packs', () => {
  it('the manifest accepts a model slide with a qr field and refuses a non-.glb src', () => {
    expect(parseManifest(manifest(modelSlide)).success).toBe(true);
    const wrong = parseManifest(manifest({ ...modelSlide, src: 'media/cone.gltf' }));
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.message).toBe('must be a binary glTF (.glb) file');
    const badQr = parseManifest(manifest({ ...modelSlide, qr: 'yes' }));
    expect(badQr.error?.issues[0]?.message).toBe('must be true or false');
  });

  it('imports a pack with a real .glb and stores it as model/gltf-binary', async () => {
    const glb = smallGlb();
    const result = await importEntries([
      { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest(modelSlide))) },
      { name: 'media/cone.glb', data: glb },
    ]);
    expect(result.added).toBe(true);
    const files = packVersionFiles(library.db, result.packVersionId);
    expect(files.get('media/cone.glb')).toMatchObject({
      size: glb.length,
      mime: 'model/gltf-binary',
    });
  });

  it('refuses a truncated model, and a PNG named .glb, naming the file and field', async () => {
    const glb = smallGlb();
    const truncated = await refusedWith([
      { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest(modelSlide))) },
      { name: 'media/cone.glb', data: glb.subarray(0, glb.length - 100) },
    ]);
    expect(truncated).toContainEqual({
      file: 'media/cone.glb',
      field: '/roles/main/slides/0/src',
      reason: `declares ${glb.length} bytes in its header but is ${glb.length - 100} bytes (truncated or padded)`,
    });
    const png = await refusedWith([
      { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest(modelSlide))) },
      { name: 'media/cone.glb', data: TINY_PNG },
    ]);
    expect(png).toContainEqual({
      file: 'media/cone.glb',
      field: '/roles/main/slides/0/src',
      reason: 'is an image (image/png) but is used as model',
    });
  });
});
