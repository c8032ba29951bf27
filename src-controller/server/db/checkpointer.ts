import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './open';

/**
 * Copies the write-ahead log into the database file on a thread of its own.
 *
 * SQLite checkpoints by default inside the commit that takes the log past 1,000 pages, on the
 * thread that commits: here the event loop, and often the commit of a press, just before its
 * broadcast. A hall of 4,000 screens writes about 0.5 MB per press (the expected screens, every
 * screen's report), and in bench:cluster such a checkpoint held a press back 12–19 ms before
 * any screen heard of it, on 2–3 presses in 25 on each node of a pair (2026-12-06).
 *
 * So the controller's own connection never checkpoints (`wal_autocheckpoint = 0`), and a worker
 * thread with a connection of its own runs a PASSIVE checkpoint every `intervalMs`: it copies
 * what it can without waiting for (or holding up) the controller's reads and writes. Should the
 * worker fail, the controller's connection checkpoints by itself again, as SQLite does by
 * default, so the log never grows without bound.
 */
export interface Checkpointer {
  /** Stops the worker; the controller then closes its connection (which checkpoints). */
  stop(): Promise<void>;
}

/** The worker, plain CommonJS so it runs the same under tsx, Vitest and a bundle. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpointed', ...result });
  } catch (error) {
    parentPort.postMessage({ type: 'failed', reason: String(error && error.message || error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'now') checkpoint();
  if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

export interface CheckpointerOptions {
  intervalMs?: number;
  /** The better-sqlite3 module the worker loads (tests give a broken one). */
  driver?: string;
}

export interface CheckpointerEvents {
  /** A checkpoint ran: `log` pages in the log, `checkpointed` of them copied to the file. */
  checkpointed?: (pages: { log: number; checkpointed: number }) => void;
  /**
   * The worker died, or failed three checkpoints in a row: the connection checkpoints by
   * itself again.
   */
  failed?: (reason: string) => void;
}

type WorkerMessage =
  | { type: 'checkpointed'; busy: number; log: number; checkpointed: number }
  | { type: 'failed'; reason: string };

/** SQLite's own default, restored when the worker fails. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

/**
 * Moves checkpoints of `db` (a file, in WAL mode) to a worker thread. A database in memory has
 * no log: nothing is started and `stop` does nothing.
 */
export function startCheckpointer(
  db: Db,
  events: CheckpointerEvents = {},
  options: CheckpointerOptions = {},
): Checkpointer {
  if (db.memory) return { stop: () => Promise.resolve() };
  const intervalMs = options.intervalMs ?? 1000;
  const driver = options.driver ?? createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file: db.name, driver, intervalMs },
  });
  // A checkpointer alone must not keep a process alive that has nothing else to do.
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  let fellBack = false;
  let failures = 0;
  const fallBack = (reason: string) => {
    if (fellBack) return;
    fellBack = true;
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    events.failed?.(reason);
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'checkpointed') {
      failures = 0;
      events.checkpointed?.({ log: message.log, checkpointed: message.checkpointed });
    } else if (++failures >= 3) {
      // One busy moment is normal; a worker that keeps failing is not doing its job.
      fallBack(message.reason);
    }
  });
  worker.on('error', (error) => fallBack(error.message));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      if (!stopping) fallBack(`the checkpoint thread exited (${code})`);
      resolve();
    }),
  );
  return {
    async stop() {
      if (!stopping) {
        stopping = true;
        // Held again until it has gone: otherwise, with nothing else left to wait for (the
        // controller's last step before closing its connection), the process would end here.
        worker.ref();
        worker.postMessage('stop');
      }
      await exited;
    },
  };
}
