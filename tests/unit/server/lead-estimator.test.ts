import { describe, expect, it } from 'vitest';
import { LeadEstimator, PAINT_MARGIN_MS } from '../../../src-controller/server/hall/lead-estimator';

describe('LeadEstimator', () => {
  it('starts from its initial lead until it has heard from a few screens', () => {
    const lead = new LeadEstimator(250);
    lead.observe(10);
    expect(lead.leadMs).toBe(250);
  });

  it('covers the slow 95th percentile of press-to-ready times, with a margin', () => {
    const lead = new LeadEstimator(250, 120, 1500);
    for (let i = 0; i < 95; i++) lead.observe(100);
    for (let i = 0; i < 5; i++) lead.observe(400);
    // p95 is 400 ms here: 400 * 1.2 + the paint margin.
    expect(lead.leadMs).toBe(480 + PAINT_MARGIN_MS);
  });

  it('stays within its bounds and ignores nonsense', () => {
    const fast = new LeadEstimator(250, 120, 1500);
    for (let i = 0; i < 10; i++) fast.observe(1);
    expect(fast.leadMs).toBe(120);
    const slow = new LeadEstimator(250, 120, 1500);
    for (let i = 0; i < 10; i++) slow.observe(5000);
    expect(slow.leadMs).toBe(1500);
    const odd = new LeadEstimator(250);
    for (const v of [-5, Number.NaN, Infinity, 1e9]) odd.observe(v);
    expect(odd.leadMs).toBe(250);
  });

  it('remembers the last few presses, however many screens report on each', () => {
    const lead = new LeadEstimator(250, 0, 10_000, 2);
    // A slow first press from a thousand screens, then two quick ones from the same hall.
    for (let i = 0; i < 1000; i++) lead.observe(1000, 1);
    expect(lead.leadMs).toBe(1200 + PAINT_MARGIN_MS);
    for (let i = 0; i < 1000; i++) lead.observe(100, 2);
    // Of two presses the quicker counts: a slow first press lengthens only the next one.
    expect(lead.leadMs).toBe(120 + PAINT_MARGIN_MS);
    for (let i = 0; i < 1000; i++) lead.observe(1000, 3);
    for (let i = 0; i < 1000; i++) lead.observe(1000, 4);
    expect(lead.leadMs).toBe(1200 + PAINT_MARGIN_MS);
  });

  it('is not lengthened by one slow press among the recent ones, but follows a slower hall', () => {
    const lead = new LeadEstimator(250, 0, 10_000, 5);
    for (let press = 1; press <= 5; press++) {
      for (let i = 0; i < 100; i++) lead.observe(press === 3 ? 900 : 100, press);
    }
    expect(lead.leadMs).toBe(120 + PAINT_MARGIN_MS);
    // Slow presses again and again are the hall now, not a hiccup.
    for (let press = 6; press <= 8; press++) {
      for (let i = 0; i < 100; i++) lead.observe(400, press);
    }
    expect(lead.leadMs).toBe(480 + PAINT_MARGIN_MS);
  });

  it('takes its paint margin as given', () => {
    const lead = new LeadEstimator(250, 0, 10_000, 5, 10_000, 0);
    for (let i = 0; i < 10; i++) lead.observe(100, 1);
    expect(lead.leadMs).toBe(120);
  });

  it('keeps a bounded number of reports', () => {
    const lead = new LeadEstimator(250, 0, 10_000, 5, 10);
    for (let i = 0; i < 10; i++) lead.observe(1000, 1);
    for (let i = 0; i < 10; i++) lead.observe(100, 1);
    expect(lead.leadMs).toBe(120 + PAINT_MARGIN_MS);
  });
});
