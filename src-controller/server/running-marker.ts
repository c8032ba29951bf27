import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `DATA/controller.json` says which process serves a data directory, so `hallcue restore` can
 * refuse to pull the data out from under a running hall. A controller killed with SIGKILL leaves
 * it behind; its process id then no longer answers, which is how a stale marker is told apart.
 */
export const RUNNING_MARKER = 'controller.json';

export interface RunningMarker {
  pid: number;
  port: number;
  startedAt: string;
}

export function writeRunningMarker(dataDir: string, marker: RunningMarker): void {
  writeFileSync(join(dataDir, RUNNING_MARKER), `${JSON.stringify(marker)}\n`);
}

export function removeRunningMarker(dataDir: string, pid = process.pid): void {
  // Only our own: a second controller started by mistake must not erase the first one's.
  if (readRunningMarker(dataDir)?.pid === pid)
    rmSync(join(dataDir, RUNNING_MARKER), { force: true });
}

export function readRunningMarker(dataDir: string): RunningMarker | null {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, RUNNING_MARKER), 'utf8')) as unknown;
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as RunningMarker).pid === 'number' &&
      typeof (value as RunningMarker).port === 'number'
    ) {
      return value as RunningMarker;
    }
    return null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live controller serving `dataDir`, or null when none is (or the marker is stale). */
export function runningController(dataDir: string): RunningMarker | null {
  const marker = readRunningMarker(dataDir);
  return marker && processAlive(marker.pid) ? marker : null;
}
