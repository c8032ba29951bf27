import type { SwitchReport } from '../../../src-shared/protocol';

/**
 * Summarises one press from the screens' own reports: how many of the expected screens showed
 * it, the spread between the first and last frame, and how late the last one was.
 */
export function summarise(
  startAt: number,
  expected: readonly string[],
  presented: ReadonlyMap<string, number>,
  nameOf: (screenId: string) => string,
): SwitchReport {
  const times = [...presented.values()];
  const spreadMs = times.length > 0 ? Math.max(...times) - Math.min(...times) : null;
  const worstLateMs = times.length > 0 ? Math.max(...times) - startAt : null;
  return {
    expected: expected.length,
    presented: expected.filter((id) => presented.has(id)).length,
    spreadMs: spreadMs === null ? null : Math.round(spreadMs * 10) / 10,
    worstLateMs: worstLateMs === null ? null : Math.round(worstLateMs * 10) / 10,
    missing: expected.filter((id) => !presented.has(id)).map(nameOf),
  };
}
