import type { IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthService } from '../../../src-controller/server/auth/auth-service';
import { openDatabase, type Db } from '../../../src-controller/server/db/open';
import { Access } from '../../../src-controller/server/http/access';

let dir: string;
let db: Db;
let auth: AuthService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hallcue-access-'));
  db = openDatabase(join(dir, 'hallcue.db'));
  auth = new AuthService(db);
  await auth.createFirstAdministrator(
    { username: 'admin', password: 'a long password 1' },
    { address: null, via: 'test' },
  );
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A request as the HTTP server sees it: only headers, method and the peer address are read. */
const request = (address: string, headers: Record<string, string> = {}) =>
  ({ method: 'GET', headers, socket: { remoteAddress: address } }) as unknown as IncomingMessage;

describe('who may reach the console', () => {
  it('by default: sessions only from this machine, API tokens from anywhere', async () => {
    const access = new Access(auth, false);
    const { secret } = await auth.login('admin', 'a long password 1', '127.0.0.1');
    const cookie = { cookie: `hallcue_session=${secret}` };
    expect(access.identify(request('127.0.0.1', cookie))).toMatchObject({
      via: 'session',
      principal: { name: 'admin', role: 'administrator' },
    });
    expect(access.identify(request('::ffff:127.0.0.1', cookie))).toMatchObject({
      via: 'session',
    });
    expect(access.identify(request('192.0.2.7', cookie))).toEqual({
      refusal: [403, 'remote-console', expect.stringMatching(/--allow-remote-console/)],
    });
    const { token } = auth.createToken({ name: 'box', role: 'operator' }, 'admin', null);
    expect(
      access.identify(request('192.0.2.7', { authorization: `Bearer ${token}` })),
    ).toMatchObject({ via: 'token', address: '192.0.2.7', principal: { name: 'box' } });
  });

  it('with --allow-remote-console: sessions from other machines too', async () => {
    const access = new Access(auth, true);
    const { secret } = await auth.login('admin', 'a long password 1', '192.0.2.7');
    expect(
      access.identify(request('192.0.2.7', { cookie: `hallcue_session=${secret}` })),
    ).toMatchObject({ via: 'session', address: '192.0.2.7' });
  });

  it('an expired session is gone', async () => {
    let now = 1_000;
    const timed = new AuthService(db, undefined, () => now);
    const { secret } = await timed.login('admin', 'a long password 1', '127.0.0.1');
    expect(timed.sessionPrincipal(secret)).not.toBeNull();
    now += 15 * 24 * 3600_000;
    expect(timed.sessionPrincipal(secret)).toBeNull();
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });
});
