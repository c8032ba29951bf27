/**
 * Pack library replication benchmark: `npm run bench:library-sync`.
 *
 * Starts a real redis-server and two controller nodes of one hall, each with its own data folder;
 * node B starts with an empty library. Uploads a synthetic pack (default 256 MiB of incompressible
 * PNG-headed images) to node A over HTTP, then measures how long until node B holds it (its fetch
 * over HTTP plus its full import), and how long a publish on A takes to re-point the key on B.
 * Prints a summary and writes bench/results/library-sync.json; exits with 1 if a target is missed.
 *
 * Flags: --mb (pack size in MiB, default 256), --publishes (default 20).
 */
import { createCipheriv, createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crc32 } from 'node:zlib';
import yazl from 'yazl';
import { writeReport } from './bench-kit';
import { intFlag, percentile, round } from './stats';
import { startController, type Controller } from '../src-controller/server/controller';
import { findPackVersion } from '../src-controller/server/db/packs-table';
import { getTheme } from '../src-controller/server/db/themes-table';
import { silentLogger } from '../src-controller/server/logger';
import { connectConsole, loginCookie } from '../tests/helpers/clients';
import { TEST_ADMIN } from '../tests/helpers/controller';
import { startRedis } from './redis-server';

const MiB = 1024 * 1024;
const MB = 1_000_000;
const FILE_MiB = 4;
const TARGET_MB_PER_S = 50;
const TARGET_PUBLISH_P95_MS = 500;
const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results', 'library-sync.json');

/** A PNG signature and a 1920x1080 IHDR chunk: all the importer reads of an image. */
function pngHeader(): Buffer {
  const head = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(head, 0);
  head.writeUInt32BE(13, 8);
  head.write('IHDR', 12, 'latin1');
  head.writeUInt32BE(1920, 16);
  head.writeUInt32BE(1080, 20);
  head.set([8, 2, 0, 0, 0], 24);
  head.writeUInt32BE(crc32(head.subarray(12, 29)), 29);
  return head;
}

/** Incompressible bytes, distinct per `name`, behind a PNG header. */
function imageBytes(name: string, size: number): Buffer {
  const key = createHash('sha256').update(name).digest();
  const cipher = createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32));
  const bytes = cipher.update(Buffer.alloc(size));
  pngHeader().copy(bytes, 0);
  return bytes;
}

async function writePack(path: string, id: string, version: string, sizeMiB: number) {
  const count = Math.max(1, Math.round(sizeMiB / FILE_MiB));
  const zip = new yazl.ZipFile();
  const slides = [];
  for (let i = 0; i < count; i++) {
    const src = `images/${String(i).padStart(4, '0')}.png`;
    zip.addBuffer(imageBytes(`${id}/${version}/${src}`, FILE_MiB * MiB), src, { compress: false });
    slides.push({ type: 'image', src, duration: 8 });
  }
  const manifest = {
    format: 'hallcue-pack/1',
    id,
    version,
    title: { zh: '同步基准测试', en: `Library sync benchmark ${version}` },
    roles: { main: { slides } },
  };
  zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'manifest.json');
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
  return { files: count, bytes: (await stat(path)).size };
}

async function upload(node: Controller, path: string): Promise<number> {
  const res = await fetch(`${node.url}/api/packs`, {
    method: 'POST',
    body: Readable.toWeb(createReadStream(path)) as ReadableStream,
    duplex: 'half',
    headers: { 'Content-Type': 'application/octet-stream', cookie: await loginCookie(node.url) },
  } as RequestInit);
  const body = (await res.json()) as {
    ok: boolean;
    error?: string;
    data?: { packVersionId: number };
  };
  if (!body.ok || !body.data) throw new Error(`upload failed: ${body.error ?? res.status}`);
  return body.data.packVersionId;
}

async function until(check: () => boolean, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      mb: { type: 'string', default: '256' },
      publishes: { type: 'string', default: '20' },
    },
  });
  const sizeMiB = intFlag('mb', values.mb, 4, 15_360);
  const publishes = intFlag('publishes', values.publishes, 1, 1000);
  const root = await mkdtemp(join(tmpdir(), 'hallcue-library-sync-bench-'));
  const redis = await startRedis();
  const nodes: Controller[] = [];
  try {
    const start = (name: string) =>
      startController({
        dataDir: join(root, name),
        port: 0,
        host: '127.0.0.1',
        demoPacksDir: null,
        logger: silentLogger(),
        initialAdmin: TEST_ADMIN,
        programmeTickMs: 0,
        cluster: { redisUrl: redis.url, hallId: 'bench' },
      }).then((node) => (nodes.push(node), node));
    const a = await start('a');
    const b = await start('b');

    const big = join(root, 'big.hcpack');
    const pack = await writePack(big, 'sync-bench', '1.0.0', sizeMiB);
    console.log(`pack: ${pack.files} files, ${(pack.bytes / MB).toFixed(0)} MB`);

    const uploadStarted = performance.now();
    await upload(a, big);
    const uploaded = performance.now();
    await until(() => !!findPackVersion(b.db, 'sync-bench', '1.0.0'), 'the pack on B', 600_000);
    const replicated = performance.now();
    const replicationS = (replicated - uploaded) / 1000;
    const uploadS = (uploaded - uploadStarted) / 1000;

    // Publish latency: the key flips between two versions on A; B re-points it.
    const small = join(root, 'small.hcpack');
    await writePack(small, 'sync-bench', '1.0.1', FILE_MiB);
    const v2 = await upload(a, small);
    await until(() => !!findPackVersion(b.db, 'sync-bench', '1.0.1'), 'v2 on B', 60_000);
    const v1 = findPackVersion(a.db, 'sync-bench', '1.0.0')!.id;
    const curator = await connectConsole(a.url);
    const latencies: number[] = [];
    try {
      for (let i = 0; i < publishes; i++) {
        const target = i % 2 === 0 ? v2 : v1;
        const version = i % 2 === 0 ? '1.0.1' : '1.0.0';
        const began = performance.now();
        const answer = await curator.emitWithAck('publishTheme', {
          key: '9',
          packVersionId: target,
        });
        if (!answer.ok) throw new Error(`publish refused: ${answer.error}`);
        const onB = findPackVersion(b.db, 'sync-bench', version)!.id;
        await until(() => getTheme(b.db, '9')?.packVersionId === onB, 'the key on B', 10_000);
        latencies.push(performance.now() - began);
      }
    } finally {
      curator.close();
    }
    const mbPerS = pack.bytes / MB / replicationS;
    const result = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        loadAverage: loadavg().map((l) => round(l, 2)),
        node: process.version,
      },
      targets: { mbPerSecond: TARGET_MB_PER_S, publishP95Ms: TARGET_PUBLISH_P95_MS },
      pack: { files: pack.files, bytes: pack.bytes },
      uploadToA: { seconds: round(uploadS, 2), mbPerSecond: round(pack.bytes / MB / uploadS) },
      replicationToB: { seconds: round(replicationS, 2), mbPerSecond: round(mbPerS) },
      publishToB: {
        count: latencies.length,
        p50Ms: round(percentile(latencies, 50)),
        p95Ms: round(percentile(latencies, 95)),
        maxMs: round(percentile(latencies, 100)),
      },
      problemsOnB: b.librarySync?.status().problems.length ?? -1,
    };
    await writeReport(RESULTS, result);
    console.log(
      [
        `upload to A:        ${result.uploadToA.seconds} s (${result.uploadToA.mbPerSecond} MB/s, import included)`,
        `A → B (fetch+import): ${result.replicationToB.seconds} s (${result.replicationToB.mbPerSecond} MB/s; target ≥ ${TARGET_MB_PER_S})`,
        `publish on A → key on B: p50 ${result.publishToB.p50Ms} ms, p95 ${result.publishToB.p95Ms} ms, max ${result.publishToB.maxMs} ms (target p95 ≤ ${TARGET_PUBLISH_P95_MS})`,
        `load average: ${result.machine.loadAverage.join(' ')} on ${result.machine.cpus} cores`,
        `written: ${RESULTS}`,
      ].join('\n'),
    );
    if (mbPerS < TARGET_MB_PER_S || (result.publishToB.p95Ms ?? Infinity) > TARGET_PUBLISH_P95_MS)
      process.exitCode = 1;
  } finally {
    for (const node of nodes) await node.close().catch(() => undefined);
    await redis.stop();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
