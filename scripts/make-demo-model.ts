// Writes the demo pack's small 3D model: a gold trophy cup, a lathe shape of a few KB.
// Run: npx tsx scripts/make-demo-model.ts
import { writeFileSync } from 'node:fs';
import { lathe, writeGlb } from './glb-writer';

/** Radius and height (metres) from the foot to the rim. */
const CUP: [number, number][] = [
  [0, 0],
  [0.32, 0],
  [0.34, 0.04],
  [0.3, 0.08],
  [0.12, 0.14],
  [0.07, 0.3],
  [0.07, 0.46],
  [0.14, 0.52],
  [0.3, 0.62],
  [0.4, 0.8],
  [0.44, 1.0],
  [0.46, 1.12],
  [0.42, 1.12],
  [0.38, 0.96],
  [0.0, 0.7],
];

const glb = writeGlb({
  ...lathe(CUP, 24),
  color: [1.0, 0.72, 0.22, 1],
  // Without an environment map a fully metallic surface looks dark: mostly diffuse gold.
  metallic: 0.35,
  roughness: 0.4,
  name: 'trophy',
});
const out = new URL('../assets/packs/3-political-birthday/media/trophy.glb', import.meta.url);
writeFileSync(out, glb);
process.stdout.write(`wrote ${out.pathname} (${glb.length} bytes)\n`);
