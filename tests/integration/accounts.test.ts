import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src-shared/accounts';
import { connectConsole, loginCookie, sleep } from '../helpers/clients';
import { startTestHall, TEST_ADMIN, type TestHall } from '../helpers/controller';
import { parseCsv } from '../helpers/csv';

let hall: TestHall;
afterEach(async () => {
  await hall?.cleanup();
});

interface Answer {
  status: number;
  headers: Headers;
  body: {
    ok: boolean;
    error?: string;
    code?: string;
    retryAfterSeconds?: number;
    data?: unknown;
  };
}

async function call(
  method: string,
  path: string,
  options: { body?: unknown; cookie?: string; token?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.cookie) headers.cookie = options.cookie;
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const res = await fetch(`${hall.controller.url}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Answer['body'] };
}

const cookieOf = (answer: Answer) => answer.headers.get('set-cookie')?.split(';')[0] ?? '';

async function adminCookie() {
  return loginCookie(hall.controller.url);
}

async function addAccount(username: string, role: string, password = 'a long password 1') {
  const created = await call('POST', '/api/accounts', {
    cookie: await adminCookie(),
    body: { username, password, role },
  });
  expect(created.status).toBe(201);
  return { username, password, id: (created.body.data as { id: number }).id };
}

const firstPackVersion = () =>
  (hall.controller.db.prepare('SELECT MIN(id) AS id FROM pack_versions').get() as { id: number })
    .id;

async function audit(filter = '') {
  const answer = await call('GET', `/api/audit?${filter}`, { cookie: await adminCookie() });
  expect(answer.status).toBe(200);
  return (answer.body.data as { entries: AuditRecord[] }).entries;
}

describe('first run', () => {
  it('offers only setup, creates the administrator once, and logs them in', async () => {
    hall = await startTestHall({ initialAdmin: undefined });
    expect((await call('GET', '/api/session')).body.data).toEqual({
      setupNeeded: true,
      user: null,
    });
    await expect(connectConsole(hall.controller.url, { cookie: 'x=y' })).rejects.toThrow(
      /not set up yet/,
    );
    const login = await call('POST', '/api/login', { body: TEST_ADMIN });
    expect([login.status, login.body.code]).toEqual([409, 'setup-needed']);

    const weak = await call('POST', '/api/setup', {
      body: { username: 'root', password: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error).toMatch(/password: password must have at least 10 characters/);

    const setup = await call('POST', '/api/setup', {
      body: { username: '馆长', password: 'a long password 1', language: 'zh-CN' },
    });
    expect(setup.status).toBe(200);
    expect(setup.body.data).toMatchObject({
      setupNeeded: false,
      user: { username: '馆长', role: 'administrator', language: 'zh-CN' },
    });
    const setCookie = setup.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^hallcue_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http here; https would add it

    const again = await call('POST', '/api/setup', {
      body: { username: 'intruder', password: 'another long one' },
    });
    expect([again.status, again.body.code]).toEqual([409, 'setup-done']);

    const cookie = cookieOf(setup);
    const session = await call('GET', '/api/session', { cookie });
    expect(session.body.data).toMatchObject({ user: { username: '馆长' } });
    const console = await connectConsole(hall.controller.url, { cookie });
    console.close();

    const entries = await loginCookie(hall.controller.url, {
      username: '馆长',
      password: 'a long password 1',
    }).then((c) => call('GET', '/api/audit', { cookie: c }));
    const actions = (entries.body.data as { entries: AuditRecord[] }).entries.map((e) => [
      e.action,
      e.actor,
      e.address,
    ]);
    expect(actions).toContainEqual(['account.setup', '馆长', '127.0.0.1']);
    expect(actions).toContainEqual(['account.login', '馆长', '127.0.0.1']);
  });

  it('creates the administrator from HALLCUE_ADMIN_PASSWORD at start, with no setup page', async () => {
    hall = await startTestHall({ initialAdmin: { username: 'ops', password: 'from the env 123' } });
    expect((await call('GET', '/api/session')).body.data).toMatchObject({ setupNeeded: false });
    const login = await call('POST', '/api/login', {
      body: { username: 'OPS', password: 'from the env 123' },
    });
    expect(login.status).toBe(200);
    expect(login.body.data).toMatchObject({ user: { username: 'ops', role: 'administrator' } });
  });

  it('refuses to start with a weak HALLCUE_ADMIN_PASSWORD', async () => {
    await expect(
      startTestHall({ initialAdmin: { username: 'ops', password: 'short' } }),
    ).rejects.toThrow(/HALLCUE_ADMIN_USER\/PASSWORD: password: password must have at least 10/);
    hall = await startTestHall();
  });
});

describe('login', () => {
  it('refuses a wrong password, then rate-limits with a retry-after', async () => {
    hall = await startTestHall();
    const wrong = await call('POST', '/api/login', {
      body: { username: 'admin', password: 'wrong password' },
    });
    expect([wrong.status, wrong.body.code, wrong.body.error]).toEqual([
      401,
      'wrong-credentials',
      'wrong user name or password',
    ]);
    const unknown = await call('POST', '/api/login', {
      body: { username: 'nobody', password: 'wrong password' },
    });
    expect(unknown.body.error).toBe('wrong user name or password');
    for (let i = 0; i < 4; i++) {
      await call('POST', '/api/login', { body: { username: 'admin', password: `nope ${i}` } });
    }
    // Five failures for "admin": now even the right password waits.
    const limited = await call('POST', '/api/login', { body: TEST_ADMIN });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate-limited');
    expect(limited.body.retryAfterSeconds).toBeGreaterThan(800);
    expect(Number(limited.headers.get('retry-after'))).toBe(limited.body.retryAfterSeconds);
    expect(limited.body.error).toMatch(/too many failed logins; try again in \d+ s/);

    const failures = await hall.controller.db
      .prepare(`SELECT actor, detail FROM audit_log WHERE action = 'account.login-failed'`)
      .all();
    expect(failures).toHaveLength(6);
  });

  it('ends the session on logout: the cookie no longer opens the console', async () => {
    hall = await startTestHall();
    const login = await call('POST', '/api/login', { body: TEST_ADMIN });
    const cookie = cookieOf(login);
    const out = await call('POST', '/api/logout', { cookie });
    expect(out.headers.get('set-cookie')).toMatch(/hallcue_session=;.*Max-Age=0/i);
    expect((await call('GET', '/api/session', { cookie })).body.data).toMatchObject({
      user: null,
    });
    await expect(connectConsole(hall.controller.url, { cookie })).rejects.toThrow(/log in first/);
    expect((await audit('action=account.logout')).map((e) => e.actor)).toEqual(['admin']);
  });

  it('refuses a cookie-carrying write from another site', async () => {
    hall = await startTestHall();
    const res = await fetch(`${hall.controller.url}/api/accounts`, {
      method: 'POST',
      headers: {
        cookie: await adminCookie(),
        origin: 'http://evil.example',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ username: 'x', password: 'a long password', role: 'administrator' }),
    });
    expect(res.status).toBe(403);
  });
});

describe('roles', () => {
  it('an operator can switch but cannot delete a pack, over the socket or HTTP', async () => {
    hall = await startTestHall();
    const operator = await addAccount('olga', 'operator');
    const cookie = await loginCookie(hall.controller.url, operator);
    const socket = await connectConsole(hall.controller.url, { cookie });
    const packVersionId = firstPackVersion();

    const del = await socket.timeout(5000).emitWithAck('deletePackVersion', { packVersionId });
    expect(del).toEqual({
      ok: false,
      error: 'deletePackVersion needs the curator role; olga is an operator',
    });
    const publish = await socket
      .timeout(5000)
      .emitWithAck('publishTheme', { key: '5', packVersionId });
    expect(publish.ok).toBe(false);
    const approve = await socket
      .timeout(5000)
      .emitWithAck('approveScreen', { screenId: 'x', code: '123456' });
    expect(approve.ok ? '' : approve.error).toMatch(/needs the administrator role/);
    const activate = await socket.timeout(5000).emitWithAck('activate', { key: '1' });
    expect(activate.ok).toBe(true);
    socket.close();

    const packCount = (
      hall.controller.db.prepare('SELECT COUNT(*) AS n FROM pack_versions').get() as { n: number }
    ).n;
    const upload = await fetch(`${hall.controller.url}/api/packs`, {
      method: 'POST',
      headers: { cookie },
      body: new Uint8Array([1, 2, 3]),
    });
    expect(upload.status).toBe(403);
    expect(((await upload.json()) as { error: string }).error).toBe(
      'uploading packs needs the curator role; olga is an operator',
    );
    expect((await call('GET', '/api/accounts', { cookie })).status).toBe(403);
    expect((await call('GET', '/api/audit.csv', { cookie })).status).toBe(403);
    const versions = hall.controller.db.prepare('SELECT COUNT(*) AS n FROM pack_versions').get();
    expect(versions).toEqual({ n: packCount });
  });

  it('a curator may manage packs but not screens', async () => {
    hall = await startTestHall();
    const curator = await addAccount('carl', 'curator');
    const socket = await connectConsole(hall.controller.url, {
      cookie: await loginCookie(hall.controller.url, curator),
    });
    const publish = await socket
      .timeout(5000)
      .emitWithAck('publishTheme', { key: '7', packVersionId: firstPackVersion() });
    expect(publish).toEqual({ ok: true, data: null });
    const revoke = await socket.timeout(5000).emitWithAck('revokeScreen', { screenId: 'x' });
    expect(revoke.ok ? '' : revoke.error).toMatch(
      /needs the administrator role; carl is a curator/,
    );
    socket.close();
    const published = await audit('action=theme.publish');
    expect(published[0]).toMatchObject({ actor: 'carl', address: '127.0.0.1' });
  });

  it('a role change takes effect at once: the socket is dropped and the session ended', async () => {
    hall = await startTestHall();
    const curator = await addAccount('cleo', 'curator');
    const cookie = await loginCookie(hall.controller.url, curator);
    const socket = await connectConsole(hall.controller.url, { cookie });
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const patched = await call('PATCH', `/api/accounts/${curator.id}`, {
      cookie: await adminCookie(),
      body: { role: 'operator' },
    });
    expect(patched.status).toBe(200);
    expect(await dropped).toBe('io server disconnect');
    expect((await call('GET', '/api/session', { cookie })).body.data).toMatchObject({
      user: null,
    });
    const relogin = await call('POST', '/api/login', { body: curator });
    expect(relogin.body.data).toMatchObject({ user: { role: 'operator' } });
  });

  it('never removes the last administrator', async () => {
    hall = await startTestHall();
    const cookie = await adminCookie();
    const me = (await call('GET', '/api/session', { cookie })).body.data as {
      user: { id: number };
    };
    const id = me.user.id;
    for (const [method, body] of [
      ['PATCH', { role: 'curator' }],
      ['PATCH', { disabled: true }],
      ['DELETE', undefined],
    ] as const) {
      const answer = await call(method, `/api/accounts/${id}`, {
        cookie,
        ...(body ? { body } : {}),
      });
      expect([answer.status, answer.body.code]).toEqual([409, 'last-administrator']);
    }
    const second = await addAccount('deputy', 'administrator');
    const deleted = await call('DELETE', `/api/accounts/${second.id}`, { cookie });
    expect(deleted.status).toBe(200);
  });

  it('a disabled account cannot log in, and its open console is closed', async () => {
    hall = await startTestHall();
    const operator = await addAccount('dora', 'operator');
    const socket = await connectConsole(hall.controller.url, {
      cookie: await loginCookie(hall.controller.url, operator),
    });
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
    await call('PATCH', `/api/accounts/${operator.id}`, {
      cookie: await adminCookie(),
      body: { disabled: true },
    });
    await dropped;
    const login = await call('POST', '/api/login', { body: operator });
    expect([login.status, login.body.code]).toEqual([403, 'disabled']);
    const reset = await call('PATCH', `/api/accounts/${operator.id}`, {
      cookie: await adminCookie(),
      body: { disabled: false, password: 'a brand new password' },
    });
    expect(reset.status).toBe(200);
    expect((await call('POST', '/api/login', { body: operator })).status).toBe(401);
    expect(
      (
        await call('POST', '/api/login', {
          body: { username: 'dora', password: 'a brand new password' },
        })
      ).status,
    ).toBe(200);
  });

  it('remembers each user language with the account', async () => {
    hall = await startTestHall();
    const cookie = await adminCookie();
    const bad = await call('PUT', '/api/session/language', { cookie, body: { language: 'fr' } });
    expect(bad.status).toBe(400);
    await call('PUT', '/api/session/language', { cookie, body: { language: 'zh-CN' } });
    const fresh = await call('POST', '/api/login', { body: TEST_ADMIN });
    expect(fresh.body.data).toMatchObject({ user: { language: 'zh-CN' } });
  });
});

describe('API tokens', () => {
  it('switch the hall over HTTP, show in history and audit, and stop working when revoked', async () => {
    hall = await startTestHall();
    const cookie = await adminCookie();
    const created = await call('POST', '/api/tokens', {
      cookie,
      body: { name: 'door button', role: 'operator' },
    });
    expect(created.status).toBe(201);
    const { token, summary } = created.body.data as { token: string; summary: { id: number } };
    expect(token).toMatch(/^hct_[A-Za-z0-9_-]{43}$/);
    const stored = hall.controller.db.prepare('SELECT token_hash FROM api_tokens').get() as {
      token_hash: string;
    };
    expect(stored.token_hash).not.toContain(token.slice(4));

    const duplicate = await call('POST', '/api/tokens', {
      cookie,
      body: { name: 'Door Button', role: 'operator' },
    });
    expect([duplicate.status, duplicate.body.code]).toEqual([409, 'name-taken']);

    const switched = await call('POST', '/api/themes/2/activate', { token });
    expect(switched.status).toBe(200);
    expect(switched.body.data).toMatchObject({ key: '2', revision: 1 });
    expect(typeof (switched.body.data as { startAt: number }).startAt).toBe('number');
    expect(hall.controller.hall.current).toMatchObject({ themeKey: '2', revision: 1 });
    expect(hall.controller.hall.history()[0]?.requestedBy).toBe('token door button');

    const unknownKey = await call('POST', '/api/themes/8/activate', { token });
    expect([unknownKey.status, unknownKey.body.error]).toEqual([
      404,
      'no theme is assigned to key 8',
    ]);
    const noToken = await call('POST', '/api/themes/1/activate');
    expect([noToken.status, noToken.body.code]).toEqual([401, 'not-logged-in']);
    const badToken = await call('POST', '/api/themes/1/activate', { token: 'hct_nope' });
    expect([badToken.status, badToken.body.code]).toEqual([401, 'bad-token']);
    const tooWeak = await fetch(`${hall.controller.url}/api/packs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: new Uint8Array([1]),
    });
    expect(tooWeak.status).toBe(403);

    // A token also opens the console socket, with the token's role.
    const socket = await connectConsole(hall.controller.url, { token });
    expect((await socket.timeout(5000).emitWithAck('activate', { key: '1' })).ok).toBe(true);
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));

    const revoked = await call('DELETE', `/api/tokens/${summary.id}`, { cookie });
    expect(revoked.body.data).toMatchObject({ name: 'door button' });
    await dropped;
    const after = await call('POST', '/api/themes/1/activate', { token });
    expect(after.status).toBe(401);
    expect(hall.controller.hall.current.revision).toBe(2);

    const entries = await audit();
    const seen = entries.map((e) => [e.action, e.actor]);
    expect(seen).toContainEqual(['token.create', 'admin']);
    expect(seen).toContainEqual(['hall.switch', 'token door button']);
    expect(seen).toContainEqual(['token.revoke', 'admin']);
    const list = await call('GET', '/api/tokens', { cookie });
    expect(list.body.data).toEqual([
      expect.objectContaining({ name: 'door button', revokedAt: expect.any(Number) }),
    ]);
  });
});

describe('audit log', () => {
  it('filters by user, action and time, and exports CSV that parses', async () => {
    hall = await startTestHall();
    const operator = await addAccount('otto', 'operator');
    const socket = await connectConsole(hall.controller.url, {
      cookie: await loginCookie(hall.controller.url, operator),
    });
    expect((await socket.timeout(5000).emitWithAck('activate', { key: '1' })).ok).toBe(true);
    socket.close();
    await sleep(5);
    const mid = Date.now();
    await sleep(5);
    const admin = await connectConsole(hall.controller.url);
    expect((await admin.timeout(5000).emitWithAck('activate', { key: '2' })).ok).toBe(true);
    admin.close();

    const switches = await audit('action=hall.switch');
    expect(switches.map((e) => [e.actor, e.detail.key, e.address])).toEqual([
      ['admin', '2', '127.0.0.1'],
      ['otto', '1', '127.0.0.1'],
    ]);
    expect((await audit('actor=OTTO')).every((e) => e.actor === 'otto')).toBe(true);
    expect((await audit('action=account')).map((e) => e.action)).toEqual(
      expect.arrayContaining(['account.create', 'account.login']),
    );
    expect((await audit(`action=hall.switch&from=${mid}`)).map((e) => e.actor)).toEqual(['admin']);
    expect((await audit(`action=hall.switch&to=${mid}`)).map((e) => e.actor)).toEqual(['otto']);
    const bad = await call('GET', '/api/audit?from=yesterday', { cookie: await adminCookie() });
    expect(bad.status).toBe(400);

    const res = await fetch(`${hall.controller.url}/api/audit.csv?action=hall.switch`, {
      headers: { cookie: await adminCookie() },
    });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="hallcue-audit-/);
    const text = await res.text();
    const rows = parseCsv(text.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(['id', 'time_utc', 'actor', 'address', 'action', 'detail']);
    expect(rows.slice(1).map((r) => [r[2], r[3], r[4], JSON.parse(r[5] ?? '')])).toEqual([
      ['admin', '127.0.0.1', 'hall.switch', { key: '2', revision: 2 }],
      ['otto', '127.0.0.1', 'hall.switch', { key: '1', revision: 1 }],
    ]);
  });
});
