import { describe, expect, it } from 'vitest';
import { PRESENTED_SPREAD_MS, presentedReportDelayMs } from '../../../src-shared/report-spread';

describe('presented report spread', () => {
  it('waits anywhere in the window, from no wait to the whole window', () => {
    expect(presentedReportDelayMs(() => 0)).toBe(0);
    expect(presentedReportDelayMs(() => 0.5)).toBe(PRESENTED_SPREAD_MS / 2);
    expect(presentedReportDelayMs(() => 0.999_999)).toBeLessThan(PRESENTED_SPREAD_MS);
  });

  it('spreads a hall of reports across the window rather than into one instant', () => {
    const delays = Array.from({ length: 1000 }, () => presentedReportDelayMs());
    const buckets = new Set(delays.map((d) => Math.floor(d / (PRESENTED_SPREAD_MS / 10))));
    expect(buckets.size).toBe(10);
    expect(Math.max(...delays)).toBeLessThan(PRESENTED_SPREAD_MS);
  });
});
