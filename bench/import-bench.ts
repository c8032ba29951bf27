/**
 * Pack-import benchmark: `npm run bench:import`.
 *
 * Builds a synthetic pack (default about 1 GiB: many PNG-looking images plus a few WebM-looking
 * videos, all incompressible and distinct), imports it into a fresh data directory in a child
 * process (so peak RSS is the import's alone), then imports a second version that changes one
 * image and checks that only that image is new to the store (what screens would have to fetch).
 * Prints a summary and writes bench/results/import.json.
 *
 * Environment: HALLCUE_BENCH_MB (pack size in MiB, default 1024), HALLCUE_BENCH_KEEP=1 (keep the
 * temporary directory with the packs and the data directory).
 */
import { spawn } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import yazl from 'yazl';
import { openDatabase } from '../src-controller/server/db/open';
import { importPack, type ImportProgress } from '../src-controller/server/packs/import-pack';
import { FileStore } from '../src-controller/server/packs/file-store';
import { openPackSource } from '../src-controller/server/packs/open-pack-source';
import { DEFAULT_PACK_LIMITS } from '../src-controller/server/packs/pack-limits';
import { PACK_FORMAT, type Manifest } from '../src-shared/manifest';

const MiB = 1024 * 1024;
const MB = 1_000_000;
const TARGET_MB_PER_S = 150;
const TARGET_PEAK_RSS_MB = 200;
const VIDEO_COUNT = 4;
/** Images per GiB of pack; a role holds at most 500 slides, so the count is capped. */
const IMAGES_PER_GIB = 400;
const MAX_IMAGES = 480;
const CHUNK = 1 * MiB;
const RESULT_MARK = 'HALLCUE_BENCH_RESULT ';
const SELF = fileURLToPath(import.meta.url);
const RESULTS_DIR = join(dirname(SELF), 'results');

// ---------------------------------------------------------------------------------------------
// Synthetic pack

interface MediaFile {
  path: string;
  kind: 'image' | 'video';
  size: number;
  /** Bumped to change a file's content between pack versions. */
  variant: number;
}

interface PackPlan {
  files: MediaFile[];
  totalBytes: number;
}

function planPack(sizeMiB: number): PackPlan {
  const total = sizeMiB * MiB;
  const videoSize = Math.floor((total * 0.4) / VIDEO_COUNT);
  const imageCount = Math.min(
    MAX_IMAGES,
    Math.max(4, Math.round((IMAGES_PER_GIB * sizeMiB) / 1024)),
  );
  const imageSize = Math.floor((total - videoSize * VIDEO_COUNT) / imageCount);
  const files: MediaFile[] = [];
  for (let i = 0; i < imageCount; i++) {
    // A few KiB of variation so files differ in size too, keeping the total about right.
    const size = Math.max(4096, imageSize - 2048 + ((i * 997) % 4096));
    const path = `images/img-${String(i).padStart(4, '0')}.png`;
    files.push({ path, kind: 'image', size, variant: 0 });
  }
  for (let i = 0; i < VIDEO_COUNT; i++) {
    files.push({ path: `videos/clip-${i}.webm`, kind: 'video', size: videoSize, variant: 0 });
  }
  return { files, totalBytes: files.reduce((sum, f) => sum + f.size, 0) };
}

function manifestFor(plan: PackPlan, version: string): Manifest {
  return {
    format: PACK_FORMAT,
    id: 'import-bench',
    version,
    title: { zh: '导入基准测试', en: 'Import benchmark' },
    description: { zh: '合成素材包', en: 'Synthetic pack' },
    roles: {
      main: {
        slides: plan.files.map((f) =>
          f.kind === 'image'
            ? { type: 'image', src: f.path, fit: 'cover', duration: 8, transition: 'fade' }
            : { type: 'video', src: f.path, duration: 30, transition: 'fade' },
        ),
      },
    },
  };
}

/** A PNG signature and a 1920x1080 IHDR chunk (with a correct CRC): all the importer reads. */
function pngHeader(): Buffer {
  const head = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(head, 0);
  head.writeUInt32BE(13, 8);
  head.write('IHDR', 12, 'latin1');
  head.writeUInt32BE(1920, 16);
  head.writeUInt32BE(1080, 20);
  head.set([8, 2, 0, 0, 0], 24); // 8-bit RGB, deflate, no filter, no interlace
  head.writeUInt32BE(crc32(head.subarray(12, 29)), 29);
  return head;
}

/** The EBML magic, a "webm" doc type and a VP9 codec id well inside the first KiB. */
function webmHeader(): Buffer {
  const head = Buffer.alloc(256);
  Buffer.from([0x1a, 0x45, 0xdf, 0xa3]).copy(head, 0);
  head.write('B\x82\x84webm', 16, 'latin1');
  head.write('\x86\x85V_VP9', 128, 'latin1');
  return head;
}

/**
 * The bytes of one file, generated as they are read: an AES-CTR keystream keyed by the file's
 * path and variant (incompressible, distinct per file, and identical when regenerated, so two
 * pack versions share every unchanged file byte for byte), behind a real media header.
 */
function mediaStream(file: MediaFile): Readable {
  const key = createHash('sha256').update(`${file.path}\0${file.variant}`).digest();
  const cipher = createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32));
  const zeros = Buffer.alloc(CHUNK);
  const header = file.kind === 'image' ? pngHeader() : webmHeader();
  let produced = 0;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      const n = Math.min(CHUNK, file.size - produced);
      if (n <= 0) {
        this.push(null);
        return;
      }
      const chunk = cipher.update(zeros.subarray(0, n));
      if (produced === 0) header.copy(chunk, 0, 0, Math.min(header.length, n));
      produced += n;
      this.push(chunk);
    },
  });
}

/** Writes the pack as a zip: manifest deflated, media stored (it is incompressible). */
async function writePack(path: string, plan: PackPlan, version: string): Promise<number> {
  const zip = new yazl.ZipFile();
  const mtime = new Date('2026-01-01T00:00:00Z');
  zip.addBuffer(Buffer.from(JSON.stringify(manifestFor(plan, version), null, 2)), 'manifest.json', {
    mtime,
  });
  for (const file of plan.files) {
    zip.addReadStreamLazy(file.path, { compress: false, size: file.size, mtime }, (cb) =>
      cb(null, mediaStream(file)),
    );
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path, { highWaterMark: 4 * MiB }));
  return (await stat(path)).size;
}

/**
 * Flushes files to disk so the write-back of what was just written (the packs, the previous
 * import) does not compete with the import being timed: it makes runs far less noisy.
 */
async function flushToDisk(path: string): Promise<void> {
  const info = await stat(path);
  const files = info.isDirectory()
    ? (await readdir(path, { recursive: true, withFileTypes: true }))
        .filter((d) => d.isFile())
        .map((d) => join(d.parentPath, d.name))
    : [path];
  for (const file of files) {
    const handle = await open(file, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Child: one import, measured

interface ChildResult {
  seconds: number;
  checkSeconds: number;
  storeSeconds: number;
  commitSeconds: number;
  packBytes: number;
  files: number;
  newBytes: number;
  added: boolean;
  warnings: number;
  rssBeforeBytes: number;
  peakRssSampledBytes: number;
  maxRssBytes: number;
  peakHeapUsedBytes: number;
  peakExternalBytes: number;
  peakArrayBuffersBytes: number;
}

async function childImport(packPath: string, dataDir: string): Promise<ChildResult> {
  await mkdir(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'hallcue.db'));
  const store = new FileStore(dataDir);
  await store.init();

  const peak = { rss: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.external = Math.max(peak.external, m.external);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
  };
  const rssBefore = process.memoryUsage().rss;
  const sampler = setInterval(sample, 100);

  const start = performance.now();
  const marks: Partial<Record<ImportProgress['phase'], number>> = {};
  try {
    const source = await openPackSource(packPath, DEFAULT_PACK_LIMITS);
    try {
      const result = await importPack(db, store, source, {
        limits: DEFAULT_PACK_LIMITS,
        actor: 'bench',
        onProgress: ({ phase }) => {
          marks[phase] ??= performance.now();
        },
      });
      const end = performance.now();
      sample();
      const storing = marks.storing ?? start;
      const committing = marks.committing ?? end;
      return {
        seconds: (end - start) / 1000,
        checkSeconds: (storing - start) / 1000,
        storeSeconds: (committing - storing) / 1000,
        commitSeconds: (end - committing) / 1000,
        packBytes: result.report.files.reduce((sum, f) => sum + f.size, 0),
        files: result.report.files.length,
        newBytes: result.newBytes,
        added: result.added,
        warnings: result.report.warnings.length,
        rssBeforeBytes: rssBefore,
        peakRssSampledBytes: peak.rss,
        // Linux reports ru_maxrss in KiB.
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
        peakHeapUsedBytes: peak.heapUsed,
        peakExternalBytes: peak.external,
        peakArrayBuffersBytes: peak.arrayBuffers,
      };
    } finally {
      await source.close();
    }
  } finally {
    clearInterval(sampler);
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Parent: build, spawn, report

function runChild(packPath: string, dataDir: string, timeoutMs: number): Promise<ChildResult> {
  const tsx = import.meta.resolve('tsx');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', tsx, SELF, '--child-import', packPath, dataDir],
      { stdio: ['ignore', 'pipe', 'inherit'], timeout: timeoutMs, killSignal: 'SIGKILL' },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      out += text;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK));
      if (code !== 0 || !line) {
        reject(new Error(`import child failed (code ${code}, signal ${signal}):\n${out}`));
        return;
      }
      resolvePromise(JSON.parse(line.slice(RESULT_MARK.length)) as ChildResult);
    });
  });
}

const mb = (bytes: number) => bytes / MB;
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

function sizeFromEnv(): number {
  const raw = process.env.HALLCUE_BENCH_MB ?? '1024';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 16 || value > 15 * 1024) {
    throw new Error(`HALLCUE_BENCH_MB must be a whole number of MiB from 16 to 15360, not ${raw}`);
  }
  return value;
}

async function main(): Promise<void> {
  const sizeMiB = sizeFromEnv();
  const keep = process.env.HALLCUE_BENCH_KEEP === '1';
  // Generous: the target is 150 MB/s, so even a slow disk finishes far inside this.
  const timeoutMs = Math.max(120_000, sizeMiB * 1000);
  const work = await mkdtemp(join(tmpdir(), 'hallcue-bench-'));
  try {
    const plan = planPack(sizeMiB);
    const images = plan.files.filter((f) => f.kind === 'image').length;
    console.log(
      `Building a ${fmt(plan.totalBytes / MiB, 0)} MiB pack: ${images} images, ` +
        `${plan.files.length - images} videos, in ${work}`,
    );
    let t = performance.now();
    const v1Path = join(work, 'v1.hcpack');
    const v1ZipBytes = await writePack(v1Path, plan, '1.0.0');
    const buildSeconds = (performance.now() - t) / 1000;
    console.log(`  v1.hcpack: ${fmt(mb(v1ZipBytes))} MB in ${fmt(buildSeconds)} s`);

    const changed = plan.files[0];
    if (!changed) throw new Error('the pack has no files');
    const v2Plan: PackPlan = {
      ...plan,
      files: plan.files.map((f) => (f === changed ? { ...f, variant: 1 } : f)),
    };
    t = performance.now();
    const v2Path = join(work, 'v2.hcpack');
    const v2ZipBytes = await writePack(v2Path, v2Plan, '1.0.1');
    console.log(
      `  v2.hcpack: ${fmt(mb(v2ZipBytes))} MB in ${fmt((performance.now() - t) / 1000)} s ` +
        `(${changed.path} changed)`,
    );

    const dataDir = join(work, 'data');
    await flushToDisk(work);
    console.log('Importing v1 into a fresh data directory…');
    const v1 = await runChild(v1Path, dataDir, timeoutMs);
    await flushToDisk(dataDir);
    console.log('Importing v2 into the same data directory…');
    const v2 = await runChild(v2Path, dataDir, timeoutMs);

    const mbPerS = mb(v1.packBytes) / v1.seconds;
    const peakRss = Math.max(v1.maxRssBytes, v1.peakRssSampledBytes);
    const v2PeakRss = Math.max(v2.maxRssBytes, v2.peakRssSampledBytes);
    const throughputOk = mbPerS >= TARGET_MB_PER_S;
    const rssOk = mb(peakRss) < TARGET_PEAK_RSS_MB && mb(v2PeakRss) < TARGET_PEAK_RSS_MB;
    const deltaOk = v2.newBytes === changed.size && v2.added;

    console.log('');
    console.log('Pack import benchmark');
    console.log(
      `  pack            ${fmt(mb(v1.packBytes))} MB in ${v1.files} files ` +
        `(zip ${fmt(mb(v1ZipBytes))} MB)`,
    );
    console.log(
      `  import v1       ${fmt(v1.seconds, 2)} s (check ${fmt(v1.checkSeconds, 2)} s, ` +
        `store ${fmt(v1.storeSeconds, 2)} s, commit ${fmt(v1.commitSeconds, 3)} s)`,
    );
    console.log(
      `  throughput      ${fmt(mbPerS)} MB/s  (target >= ${TARGET_MB_PER_S})  ${mark(throughputOk)}`,
    );
    console.log(
      `  peak RSS        ${fmt(mb(peakRss))} MB v1, ${fmt(mb(v2PeakRss))} MB v2 ` +
        `(before import ${fmt(mb(v1.rssBeforeBytes))} MB)  (target < ${TARGET_PEAK_RSS_MB})  ${mark(rssOk)}`,
    );
    console.log(
      `  import v2       ${fmt(v2.seconds, 2)} s, ${fmt(mb(v2.packBytes) / v2.seconds)} MB/s`,
    );
    console.log(
      `  v2 new bytes    ${v2.newBytes} (changed file ${changed.size})  ${mark(deltaOk)}`,
    );

    const results = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        totalMemBytes: totalmem(),
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
      },
      units: { MB: MB },
      targets: { mbPerSecond: TARGET_MB_PER_S, peakRssMB: TARGET_PEAK_RSS_MB },
      pack: {
        requestedMiB: sizeMiB,
        bytes: v1.packBytes,
        zipBytes: v1ZipBytes,
        files: v1.files,
        images,
        videos: plan.files.length - images,
        buildSeconds,
      },
      v1: { ...v1, mbPerSecond: mbPerS, peakRssMB: mb(peakRss) },
      v2: {
        ...v2,
        mbPerSecond: mb(v2.packBytes) / v2.seconds,
        peakRssMB: mb(v2PeakRss),
        changedFile: changed.path,
        changedFileBytes: changed.size,
      },
      pass: { throughput: throughputOk, peakRss: rssOk, onlyChangedFileIsNew: deltaOk },
    };
    await mkdir(RESULTS_DIR, { recursive: true });
    const out = join(RESULTS_DIR, 'import.json');
    await writeFile(`${out}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
    await rename(`${out}.tmp`, out);
    console.log(`\nWrote ${out}`);
    if (!(throughputOk && rssOk && deltaOk)) process.exitCode = 1;
  } finally {
    if (keep) console.log(`Kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child-import') {
  const [, packPath, dataDir] = args;
  if (!packPath || !dataDir) throw new Error('usage: --child-import PACK DATA_DIR');
  const result = await childImport(packPath, dataDir);
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
} else {
  await main();
}
