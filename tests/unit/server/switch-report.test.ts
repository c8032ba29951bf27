import { describe, expect, it } from 'vitest';
import { summarise } from '../../../src-controller/server/hall/switch-report';

describe('switch report', () => {
  const names = (id: string) => `name-${id}`;

  it('gives the spread between first and last frame and the worst lateness', () => {
    const report = summarise(
      1000,
      ['a', 'b', 'c'],
      new Map([
        ['a', 1000.4],
        ['b', 1002.1],
        ['c', 999.9],
      ]),
      names,
    );
    expect(report).toEqual({
      expected: 3,
      presented: 3,
      spreadMs: 2.2,
      worstLateMs: 2.1,
      missing: [],
    });
  });

  it('names the screens that have not reported', () => {
    const report = summarise(1000, ['a', 'b'], new Map([['a', 1001]]), names);
    expect(report).toMatchObject({ presented: 1, missing: ['name-b'], spreadMs: 0 });
  });

  it('has no timing before any report', () => {
    expect(summarise(1000, ['a'], new Map(), names)).toMatchObject({
      spreadMs: null,
      worstLateMs: null,
      missing: ['name-a'],
    });
  });
});
