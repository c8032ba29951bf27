import { describe, expect, it } from 'vitest';
import { LoginLimiter } from '../../../src-controller/server/auth/login-limiter';
import { hashPassword, verifyPassword } from '../../../src-controller/server/auth/passwords';
import { hashSecret, newSecret } from '../../../src-controller/server/auth/secret-tokens';
import { auditCsv, csvField } from '../../../src-controller/server/http/audit-csv';
import { parseCsv } from '../../helpers/csv';

describe('password hashes', () => {
  it('are salted scrypt hashes that verify only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('treat a malformed stored hash as a mismatch, not a crash', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$1$2$3',
      'bcrypt$x$y$z$a$b',
      'scrypt$16384$8$1$c2FsdA==$c2hvcnQ=',
    ]) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });

  it('normalise Unicode, so the same Chinese password typed two ways matches', async () => {
    const composed = '展厅\u00e9密码很长很长';
    const decomposed = '展厅e\u0301密码很长很长';
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });
});

describe('session and token secrets', () => {
  it('are 256-bit random values stored as SHA-256', () => {
    const secret = newSecret('hct_');
    expect(secret).toMatch(/^hct_[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).not.toBe(newSecret());
    expect(hashSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(secret)).toBe(hashSecret(secret));
  });
});

describe('login limiter', () => {
  const rules = { perUser: { max: 3, windowMs: 60_000 }, perAddress: { max: 5, windowMs: 60_000 } };

  it('locks a user after max failures until the oldest one ages out', () => {
    let now = 1_000_000;
    const limiter = new LoginLimiter(rules, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds('Ann', '10.0.0.1')).toBe(0);
      limiter.failed('Ann', '10.0.0.1');
      now += 1000;
    }
    // The same name in another case, from another address: still locked.
    expect(limiter.retryAfterSeconds('ANN', '10.0.0.2')).toBe(57);
    expect(limiter.retryAfterSeconds('bob', '10.0.0.2')).toBe(0);
    now += 57_000;
    expect(limiter.retryAfterSeconds('ann', '10.0.0.1')).toBe(0);
  });

  it('locks an address that guesses many names, and a success does not reset it', () => {
    let now = 0;
    const limiter = new LoginLimiter(rules, () => now);
    for (const name of ['a', 'b', 'c', 'd', 'e']) limiter.failed(name, '10.0.0.9');
    limiter.succeeded('f');
    expect(limiter.retryAfterSeconds('f', '10.0.0.9')).toBe(60);
    expect(limiter.retryAfterSeconds('f', '10.0.0.8')).toBe(0);
    now = 60_000;
    expect(limiter.retryAfterSeconds('f', '10.0.0.9')).toBe(0);
  });

  it('clears a user count on a correct password', () => {
    const limiter = new LoginLimiter(rules, () => 0);
    limiter.failed('ann', '1');
    limiter.failed('ann', '1');
    limiter.succeeded('ann');
    limiter.failed('ann', '1');
    limiter.failed('ann', '1');
    expect(limiter.retryAfterSeconds('ann', '2')).toBe(0);
  });
});

describe('audit CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
  });

  it('round-trips through a CSV parser with Chinese text and JSON details', () => {
    const entries = [
      {
        id: 2,
        at: Date.UTC(2026, 0, 2, 3, 4, 5),
        actor: '管理员',
        address: '127.0.0.1',
        action: 'hall.switch',
        detail: { key: '1', note: 'a,"b"\nc' },
      },
      { id: 1, at: 0, actor: '@evil', address: null, action: 'account.login', detail: {} },
    ];
    const text = auditCsv(entries);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows).toEqual([
      ['id', 'time_utc', 'actor', 'address', 'action', 'detail'],
      [
        '2',
        '2026-01-02T03:04:05.000Z',
        '管理员',
        '127.0.0.1',
        'hall.switch',
        JSON.stringify(entries[0]!.detail),
      ],
      ['1', '1970-01-01T00:00:00.000Z', "'@evil", '', 'account.login', '{}'],
    ]);
  });
});
