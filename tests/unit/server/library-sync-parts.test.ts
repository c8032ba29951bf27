import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  refOfField,
  versionEntrySchema,
  versionField,
} from '../../../src-controller/server/cluster/library-entries';
import { LibraryProblems } from '../../../src-controller/server/cluster/library-problems';
import { packUrl, secretMatches } from '../../../src-controller/server/cluster/pack-transfer';

const alpha = { packId: 'alpha', version: '1.2.0' };

describe('version fields', () => {
  it('name a version unambiguously and read back only well-formed names', () => {
    expect(versionField(alpha)).toBe('["alpha","1.2.0"]');
    expect(refOfField(versionField(alpha))).toEqual(alpha);
    for (const bad of ['alpha@1.2.0', '["alpha"]', '["../x","1.0.0"]', '["alpha","1.2"]', '{'])
      expect(refOfField(bad)).toBeNull();
  });

  it('checks entries read from Redis', () => {
    const present = {
      state: 'present',
      fingerprint: 'a'.repeat(64),
      origin: 'node-1',
      by: 'admin',
      at: 1,
      seq: 3,
    };
    expect(versionEntrySchema.safeParse(present).success).toBe(true);
    expect(versionEntrySchema.safeParse({ ...present, fingerprint: 'short' }).success).toBe(false);
    expect(versionEntrySchema.safeParse({ state: 'gone', by: 'x', at: 1, seq: 1 }).success).toBe(
      false,
    );
  });
});

describe('the secret between nodes', () => {
  it('matches only itself, whatever the lengths', () => {
    const secret = 'f'.repeat(64);
    expect(secretMatches(secret, secret)).toBe(true);
    expect(secretMatches('f'.repeat(63), secret)).toBe(false);
    expect(secretMatches('', secret)).toBe(false);
    expect(secretMatches(`${secret}f`, secret)).toBe(false);
  });

  it('is asked for at a route that names the pack version', () => {
    expect(packUrl('http://10.0.0.12:7400/', alpha)).toBe(
      'http://10.0.0.12:7400/cluster/packs/alpha/1.2.0.hcpack',
    );
  });
});

describe('LibraryProblems', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('backs failed fetches off 1, 2, 4 … s up to a minute, and retries them at once on news', () => {
    const problems = new LibraryProblems();
    const field = versionField(alpha);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      problems.record(alpha, 'fetch', 'ECONNREFUSED', 'http://b', true);
      waits.push(problems.get(field)!.retryAt - Date.now());
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    expect(problems.get(field)?.attempts).toBe(8);
    expect(problems.mayTry(field)).toBe(false);
    expect(problems.due()).toBe(false);
    problems.retryFetchesNow();
    expect(problems.mayTry(field)).toBe(true);
    expect(problems.due()).toBe(true);
  });

  it('waits for the hall on a conflict, looks again soon at a kept deletion, rarely at a refusal', () => {
    const problems = new LibraryProblems();
    const beta = { packId: 'beta', version: '1.0.0' };
    const gamma = { packId: 'gamma', version: '1.0.0' };
    problems.record(alpha, 'conflict', 'differs', null, false);
    problems.record(beta, 'delete', 'on screen', null, false);
    problems.record(gamma, 'refused', 'manifest.json: missing', 'http://b');
    problems.retryFetchesNow();
    vi.advanceTimersByTime(5000);
    expect(problems.mayTry(versionField(alpha))).toBe(false);
    expect(problems.mayTry(versionField(beta))).toBe(true);
    expect(problems.mayTry(versionField(gamma))).toBe(false);
    vi.advanceTimersByTime(10 * 60_000);
    expect(problems.mayTry(versionField(gamma))).toBe(true);
    expect(problems.mayTry(versionField(alpha))).toBe(false);
    expect(JSON.parse(JSON.stringify(problems.list()))[0]).toMatchObject({
      packId: 'alpha',
      kind: 'conflict',
      attempts: 0,
      retryAt: null,
    });

    problems.keepOnly(new Set([versionField(beta)]));
    expect(problems.list().map((p) => p.packId)).toEqual(['beta']);
  });
});
