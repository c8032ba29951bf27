import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHall, type TestHall } from '../helpers/controller';

const repo = resolve(import.meta.dirname, '..', '..');
/** tsx compiles the CLI on every start, which takes a few seconds on a slow machine. */
const SPAWN_TIMEOUT = 30_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `hallcue …args` as a real process, with HALLCUE_TOKEN cleared unless given. */
function hallcue(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src-controller/server/cli.ts', ...args],
      {
        cwd: repo,
        timeout: SPAWN_TIMEOUT,
        env: { ...process.env, HALLCUE_TOKEN: '', NO_COLOR: '1', ...env },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

let hall: TestHall;
beforeAll(async () => {
  hall = await startTestHall();
});
afterAll(async () => {
  await hall.cleanup();
});

describe('hallcue token and hallcue switch', () => {
  it(
    'create prints the token once, switch uses it, revoke stops it',
    { timeout: 120_000 },
    async () => {
      const created = await hallcue([
        'token',
        'create',
        'lectern',
        '--role',
        'operator',
        '--data',
        hall.dataDir,
      ]);
      expect(created.code).toBe(0);
      const token = created.stdout.trim();
      expect(token).toMatch(/^hct_[A-Za-z0-9_-]{43}$/);
      expect(created.stderr).toMatch(/created API token "lectern" \(operator\); store it now/);

      // The running controller sees the new token at once (same database).
      const switched = await hallcue([
        'switch',
        '3',
        '--controller',
        hall.controller.url,
        '--token',
        token,
      ]);
      expect(switched).toMatchObject({
        code: 0,
        stdout: 'switched the hall to theme 3 (revision 1)\n',
      });
      expect(hall.controller.hall.current).toMatchObject({ themeKey: '3', revision: 1 });

      const viaEnv = await hallcue(['switch', '1', '--controller', `${hall.controller.url}/`], {
        HALLCUE_TOKEN: token,
      });
      expect(viaEnv.code).toBe(0);
      const unknownKey = await hallcue(['switch', '9', '--controller', hall.controller.url], {
        HALLCUE_TOKEN: token,
      });
      expect(unknownKey.code).toBe(1);
      expect(unknownKey.stderr).toBe('hallcue: refused (404): no theme is assigned to key 9\n');

      const list = await hallcue(['token', 'list', '--data', hall.dataDir]);
      expect(list.stdout).toMatch(
        /^ID\s+NAME\s+ROLE\s+CREATED\s+LAST USED\s+STATE\n1\s+lectern\s+operator\s+\S+\s+\S+\s+active\n$/,
      );
      expect(list.stdout).not.toContain(token);

      const revoked = await hallcue(['token', 'revoke', 'lectern', '--data', hall.dataDir]);
      expect(revoked).toMatchObject({ code: 0, stdout: 'revoked API token "lectern"\n' });
      const refused = await hallcue([
        'switch',
        '2',
        '--controller',
        hall.controller.url,
        '--token',
        token,
      ]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/refused \(401\): the API token is unknown or revoked/);
      expect(hall.controller.hall.current.revision).toBe(2);

      const audit = hall.controller.db
        .prepare(
          `SELECT actor, action FROM audit_log WHERE action LIKE 'token.%' OR action = 'hall.switch' ORDER BY id`,
        )
        .all();
      expect(audit).toEqual([
        { actor: 'cli', action: 'token.create' },
        { actor: 'token lectern', action: 'hall.switch' },
        { actor: 'token lectern', action: 'hall.switch' },
        { actor: 'cli', action: 'token.revoke' },
      ]);
    },
  );

  it('explains what is missing', { timeout: 120_000 }, async () => {
    const noToken = await hallcue(['switch', '1', '--controller', hall.controller.url]);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/no API token: pass --token TOKEN or set HALLCUE_TOKEN/);
    const badRole = await hallcue([
      'token',
      'create',
      'x',
      '--role',
      'boss',
      '--data',
      hall.dataDir,
    ]);
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/must be operator, curator or administrator/);
    const noData = await hallcue(['token', 'list', '--data', `${hall.dataDir}-typo`]);
    expect(noData.code).toBe(1);
    expect(noData.stderr).toMatch(/no HallCue data in .*-typo \(use --data DIR\)/);
  });
});
