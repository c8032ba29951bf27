import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
const CLI = 'src-controller/server/cli.ts';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `hallcue …args` as a real process (tsx compiles on start: allow seconds). */
export function runHallcue(args: string[], timeoutMs = 30_000): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      { cwd: repoRoot, timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

export { spawnController, type ControllerProcess } from '../../bench/spawned-controller';
