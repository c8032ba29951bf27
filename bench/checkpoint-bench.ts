/**
 * Checkpoint benchmark: `npm run bench:checkpoint`.
 *
 * What a press's own commit costs on the controller's connection while a hall of S screens
 * writes what it writes per press: the press (the hall state and a switch row naming the S
 * expected screens), then, a moment later, S screens' reports. Run twice on a fresh database
 * file each: with SQLite checkpointing inside commits (its default, `auto`) and with the
 * controller's checkpoint thread (src-controller/server/db/checkpointer.ts, `worker`). The
 * figure that matters is the slowest commits: a checkpoint inside a press's commit holds the
 * press back before any screen hears of it. Writes bench/results/checkpoint.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machineFacts, sleep, writeReport } from './bench-kit';
import { startCheckpointer } from '../src-controller/server/db/checkpointer';
import { openDatabase } from '../src-controller/server/db/open';
import { intFlag, percentile, round } from './stats';

const RESULTS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'results', 'checkpoint.json');

async function run(mode: 'auto' | 'worker', screens: number, presses: number, gapMs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'hallcue-checkpoint-bench-'));
  const db = openDatabase(join(dir, 'hallcue.db'));
  let checkpoints = 0;
  const checkpointer =
    mode === 'worker' ? startCheckpointer(db, { checkpointed: () => checkpoints++ }) : null;
  try {
    db.exec(`
      CREATE TABLE bench_state (id INTEGER PRIMARY KEY, revision INTEGER NOT NULL);
      INSERT INTO bench_state VALUES (1, 0);
      CREATE TABLE bench_switches (revision INTEGER PRIMARY KEY, expected TEXT NOT NULL);
      CREATE TABLE bench_reports (revision INTEGER, screen TEXT, at REAL,
        PRIMARY KEY (revision, screen));
    `);
    // Screen ids are UUIDs, as the controller's are.
    const ids = Array.from({ length: screens }, () => randomUUID());
    const press = db.transaction((revision: number) => {
      db.prepare('UPDATE bench_state SET revision = ? WHERE id = 1').run(revision);
      db.prepare('INSERT INTO bench_switches VALUES (?, ?)').run(revision, JSON.stringify(ids));
    });
    const reports = db.transaction((revision: number) => {
      const insert = db.prepare('INSERT INTO bench_reports VALUES (?, ?, ?)');
      for (const id of ids) insert.run(revision, id, Date.now());
    });
    const commits: number[] = [];
    for (let revision = 1; revision <= presses; revision++) {
      const started = performance.now();
      press(revision);
      commits.push(performance.now() - started);
      await sleep(gapMs);
      reports(revision);
      await sleep(gapMs);
    }
    const at = (p: number) => round(percentile(commits, p), 2);
    return {
      mode,
      pressCommitMs: { p50: at(50), p95: at(95), p99: at(99), max: at(100) },
      slowestFive: [...commits]
        .sort((a, b) => b - a)
        .slice(0, 5)
        .map((ms) => round(ms, 2)),
      workerCheckpoints: mode === 'worker' ? checkpoints : null,
    };
  } finally {
    await checkpointer?.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      screens: { type: 'string', default: '4000' },
      presses: { type: 'string', default: '200' },
      gap: { type: 'string', default: '60' },
      out: { type: 'string', default: RESULTS_FILE },
    },
  });
  const screens = intFlag('screens', values.screens, 1, 20_000);
  const presses = intFlag('presses', values.presses, 10, 2000);
  const gapMs = intFlag('gap', values.gap, 0, 5000);
  const startedAt = new Date().toISOString();
  const load1 = loadavg()[0] ?? 0;
  const results = [];
  // Twice each, alternating, so that neither mode gets only the machine's quieter minutes.
  for (const mode of ['auto', 'worker', 'auto', 'worker'] as const) {
    const result = await run(mode, screens, presses, gapMs);
    process.stdout.write(
      `${mode}: press commit p50 ${result.pressCommitMs.p50} ms, p99 ${result.pressCommitMs.p99} ms, ` +
        `max ${result.pressCommitMs.max} ms; slowest ${result.slowestFive.join(', ')} ms\n`,
    );
    results.push(result);
  }
  await writeReport(values.out, {
    benchmark: 'checkpoint',
    startedAt,
    params: { screens, presses, gapMs },
    machine: machineFacts(load1),
    results,
  });
  process.stdout.write(`wrote ${values.out}\n`);
}

main().catch((error: unknown) => {
  console.error('bench:checkpoint failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
