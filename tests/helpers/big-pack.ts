import { randomBytes } from 'node:crypto';
import { TINY_PNG } from './packs';
import { buildZip } from './zip';

/**
 * A valid pack of `slides` image slides, each a PNG padded with `bytesEach` random bytes (stored,
 * not deflated), so importing it takes real time and real disk space.
 */
export function bigPack(id: string, slides: number, bytesEach: number): Buffer {
  const names = Array.from({ length: slides }, (_, i) => `media/${String(i).padStart(3, '0')}.png`);
  const manifest = {
    format: 'hallcue-pack/1',
    id,
    version: '1.0.0',
    title: { zh: '大', en: 'Big' },
    roles: { main: { slides: names.map((src) => ({ type: 'image', src, duration: 5 })) } },
  };
  return buildZip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) },
    ...names.map((name) => ({ name, data: Buffer.concat([TINY_PNG, randomBytes(bytesEach)]) })),
  ]);
}
