/**
 * A controller in its own process (`hallcue controller`), for the load benchmark and the fault
 * tests: its memory is its own, and it can be killed the way a power cut would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..');

/**
 * The administrator a spawned controller creates on its first start (HALLCUE_ADMIN_PASSWORD), so
 * benchmarks and tests can log their consoles in. The same account as the tests' TEST_ADMIN.
 */
export const SPAWNED_ADMIN = { username: 'admin', password: 'correct horse battery' } as const;

/** Logs in to a controller and returns its session cookie ("hallcue_session=…"). */
export async function sessionCookie(
  url: string,
  user: { username: string; password: string } = SPAWNED_ADMIN,
): Promise<string> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(user),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`login as ${user.username} failed: ${res.status}`);
  return cookie;
}
const CLI = 'src-controller/server/cli.ts';

/** A controller in its own process, so a test can kill it the way a power cut would. */
export interface ControllerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything it wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `hallcue controller --data DIR --host 127.0.0.1 --port PORT` and resolves once it
 * prints its addresses. Port 0 picks a free port; pass the same port again for a restart.
 */
export function spawnController(
  dataDir: string,
  port = 0,
  extra: string[] = [],
  timeoutMs = 30_000,
): Promise<ControllerProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.HC_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.HC_PROF}`] : []),
      '--import',
      'tsx',
      CLI,
      'controller',
      '--data',
      dataDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      ...extra,
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        NO_COLOR: '1',
        HALLCUE_LOG_FORMAT: 'json',
        HALLCUE_LOG_LEVEL: 'warn',
        HALLCUE_ADMIN_USER: SPAWNED_ADMIN.username,
        HALLCUE_ADMIN_PASSWORD: SPAWNED_ADMIN.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`controller did not start within ${timeoutMs} ms:\n${text}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /console:\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
      if (!match) return;
      clearTimeout(timer);
      const actual = Number(match[1]);
      resolveStart({
        child,
        port: actual,
        url: `http://127.0.0.1:${actual}`,
        output: () => text,
        async kill(signal = 'SIGKILL') {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill(signal);
          await exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`controller exited (${code ?? signal}) before it started:\n${text}`));
    });
  });
}
