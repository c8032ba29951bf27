import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src-controller/server/db/open';
import type { FileStore } from '../../src-controller/server/packs/file-store';
import { importPack } from '../../src-controller/server/packs/import-pack';
import { openPackSource } from '../../src-controller/server/packs/open-pack-source';
import {
  DEFAULT_PACK_LIMITS,
  type PackLimits,
} from '../../src-controller/server/packs/pack-limits';

/** A valid 1x1 PNG: the smallest real image a pack can carry. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export interface FixturePack {
  id: string;
  version?: string;
  zh?: string;
  en?: string;
  /** Extra bytes to make this pack's image differ from other packs'. */
  salt?: string;
}

/** Writes a pack folder with one image slide and one text slide; returns its path. */
export function writePackFolder(parent: string, folder: string, pack: FixturePack): string {
  const dir = join(parent, folder);
  mkdirSync(join(dir, 'media'), { recursive: true });
  const image = pack.salt ? Buffer.concat([TINY_PNG, Buffer.from(pack.salt)]) : TINY_PNG;
  writeFileSync(join(dir, 'media', 'picture.png'), image);
  const manifest = {
    format: 'hallcue-pack/1',
    id: pack.id,
    version: pack.version ?? '1.0.0',
    title: { zh: pack.zh ?? `主题 ${pack.id}`, en: pack.en ?? `Theme ${pack.id}` },
    roles: {
      main: {
        slides: [
          {
            type: 'image',
            src: 'media/picture.png',
            duration: 5,
            caption: { zh: '图片', en: 'Picture' },
          },
          { type: 'text', title: { zh: '标题', en: 'Title' }, duration: 5, transition: 'cut' },
        ],
      },
    },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** Three demo-like packs on keys 1-3, as `seedDemoPacks` expects them. */
export function writeDemoFolder(parent: string): string {
  const dir = join(parent, 'demo-packs');
  writePackFolder(dir, '1-alpha', { id: 'alpha', zh: '第一主题', en: 'First theme', salt: 'a' });
  writePackFolder(dir, '2-beta', { id: 'beta', zh: '第二主题', en: 'Second theme', salt: 'b' });
  writePackFolder(dir, '3-gamma', { id: 'gamma', zh: '第三主题', en: 'Third theme', salt: 'c' });
  return dir;
}

/** Imports a pack folder or zip the way the controller does, with default limits. */
export async function importPath(
  db: Db,
  store: FileStore,
  path: string,
  limits: Partial<PackLimits> = {},
) {
  const all = { ...DEFAULT_PACK_LIMITS, ...limits };
  const source = await openPackSource(path, all);
  try {
    return await importPack(db, store, source, { limits: all, actor: 'test' });
  } finally {
    await source.close();
  }
}
