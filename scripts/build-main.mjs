// Bundles the screen app's main process and preload with esbuild (installed with Vite and tsx).
//   dist/main/main.js      ESM, as package.json says "type": "module"; Electron 28+ loads it.
//   dist/main/preload.cjs  CommonJS: sandboxed preloads cannot be ES modules, and may require()
//                          only "electron" and a few Node built-ins, so everything else is inlined.
// Type checking is separate (npm run typecheck); esbuild only strips types.
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'main');

/** Options both bundles share. */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

await rm(outdir, { recursive: true, force: true });

await build({
  ...common,
  entryPoints: ['src-main/main.ts'],
  outfile: join(outdir, 'main.js'),
  format: 'esm',
  // Bundled CommonJS dependencies may call require(); ESM output has none unless we make one.
  banner: {
    js: "import { createRequire as __hallcueCreateRequire } from 'node:module'; const require = __hallcueCreateRequire(import.meta.url);",
  },
});

await build({
  ...common,
  entryPoints: ['src-main/preload.ts'],
  outfile: join(outdir, 'preload.cjs'),
  format: 'cjs',
});

// A sandboxed preload fails at load time on any other require(); catch that here instead.
const preload = await readFile(join(outdir, 'preload.cjs'), 'utf8');
const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const disallowed = required.filter((name) => name !== 'electron');
if (disallowed.length > 0) {
  console.error(`preload.cjs requires ${disallowed.join(', ')}; a sandboxed preload cannot`);
  process.exit(1);
}
console.log('built dist/main/main.js and dist/main/preload.cjs');
