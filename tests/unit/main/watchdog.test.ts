import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startWatchdog, type StallInfo } from '../../../src-main/watchdog';

describe('startWatchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const setUp = () => {
    const onStall = vi.fn<(info: StallInfo) => void>();
    const watchdog = startWatchdog({ timeoutMs: 30_000, maxTimeoutMs: 100_000, onStall });
    return { onStall, watchdog };
  };

  it('stays quiet while heartbeats keep coming', () => {
    const { onStall, watchdog } = setUp();
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(5_000);
      watchdog.beat({ revision: 1, slide: i % 3 });
    }
    expect(onStall).not.toHaveBeenCalled();
  });

  it('reports a stall 30 s after the last heartbeat, with that heartbeat', () => {
    const { onStall, watchdog } = setUp();
    vi.advanceTimersByTime(10_000);
    watchdog.beat({ revision: 4, slide: 2 });
    vi.advanceTimersByTime(29_999);
    expect(onStall).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onStall).toHaveBeenCalledExactlyOnceWith({
      lastBeat: { revision: 4, slide: 2 },
      silentForMs: 30_000,
      stalls: 1,
    });
  });

  it('reports a page that never beat at all', () => {
    const { onStall } = setUp();
    vi.advanceTimersByTime(30_000);
    expect(onStall).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ lastBeat: undefined, stalls: 1 }),
    );
  });

  it('backs off while the page stays silent, and resets on the next heartbeat', () => {
    const { onStall, watchdog } = setUp();
    vi.advanceTimersByTime(30_000); // 1st stall at 30 s
    vi.advanceTimersByTime(60_000); // 2nd after 60 s more
    expect(onStall).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(99_999); // 3rd waits 120 s, capped at 100 s
    expect(onStall).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1);
    expect(onStall).toHaveBeenCalledTimes(3);
    expect(onStall.mock.lastCall?.[0].stalls).toBe(3);

    watchdog.beat({ revision: 1, slide: 0 });
    vi.advanceTimersByTime(30_000);
    expect(onStall).toHaveBeenCalledTimes(4);
    expect(onStall.mock.lastCall?.[0].stalls).toBe(1);
  });

  it('gives a restarted page a full wait', () => {
    const { onStall, watchdog } = setUp();
    vi.advanceTimersByTime(25_000);
    watchdog.restart();
    vi.advanceTimersByTime(25_000);
    expect(onStall).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5_000);
    expect(onStall).toHaveBeenCalledOnce();
  });

  it('does nothing once stopped', () => {
    const { onStall, watchdog } = setUp();
    watchdog.stop();
    watchdog.restart();
    vi.advanceTimersByTime(10 * 60_000);
    expect(onStall).not.toHaveBeenCalled();
  });
});
