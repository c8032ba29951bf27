import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchAndRecover, type RecoverableContents } from '../../../src-main/recovery';

class FakeContents extends EventEmitter implements RecoverableContents {
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  forcefullyCrashRenderer = vi.fn(() => {
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  });
  crash(reason = 'crashed'): void {
    this.emit('render-process-gone', {}, { reason, exitCode: 1 });
  }
  failLoad(errorCode: number, isMainFrame = true): void {
    this.emit('did-fail-load', {}, errorCode, 'ERR', 'http://hall/screen?screen=a', isMainFrame);
  }
}

function setUp(options = {}) {
  const contents = new FakeContents();
  const recover = vi.fn();
  const stop = watchAndRecover(contents, recover, options);
  return { contents, recover, stop };
}

describe('watchAndRecover', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reloads after the renderer process is gone', () => {
    const { contents, recover } = setUp();
    contents.crash('oom');
    expect(recover).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(recover).toHaveBeenCalledExactlyOnceWith('crashed', expect.stringContaining('oom'));
  });

  it('kills a hung renderer and reloads once', () => {
    const { contents, recover } = setUp();
    contents.emit('unresponsive');
    vi.advanceTimersByTime(1_000);
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledOnce();
    expect(recover).toHaveBeenCalledExactlyOnceWith('unresponsive', expect.any(String));
    // The render-process-gone caused by the kill must not schedule a second reload.
    vi.advanceTimersByTime(60_000);
    expect(recover).toHaveBeenCalledOnce();
  });

  it('leaves a renderer alone that becomes responsive again in time', () => {
    const { contents, recover } = setUp();
    contents.emit('unresponsive');
    contents.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(recover).not.toHaveBeenCalled();
  });

  it('retries a failed main-frame load', () => {
    const { contents, recover } = setUp();
    contents.failLoad(-102);
    vi.advanceTimersByTime(1_000);
    expect(recover).toHaveBeenCalledExactlyOnceWith(
      'load-failed',
      expect.stringContaining('(-102)'),
    );
  });

  it('ignores aborted loads and subframe failures', () => {
    const { contents, recover } = setUp();
    contents.failLoad(-3);
    contents.failLoad(-102, false);
    vi.advanceTimersByTime(60_000);
    expect(recover).not.toHaveBeenCalled();
  });

  it('coalesces failures that arrive while a reload is pending', () => {
    const { contents, recover } = setUp();
    contents.crash();
    contents.failLoad(-102);
    contents.emit('unresponsive');
    vi.advanceTimersByTime(60_000);
    expect(recover).toHaveBeenCalledOnce();
  });

  it('backs off while failures repeat and starts over once healthy', () => {
    const { contents, recover } = setUp({
      initialDelayMs: 100,
      maxDelayMs: 300,
      healthyAfterMs: 10_000,
    });
    const delayOfNextRecovery = () => {
      const before = recover.mock.calls.length;
      contents.failLoad(-102);
      let waited = 0;
      while (recover.mock.calls.length === before) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      return waited;
    };
    expect(delayOfNextRecovery()).toBe(100);
    expect(delayOfNextRecovery()).toBe(200);
    expect(delayOfNextRecovery()).toBe(300);
    expect(delayOfNextRecovery()).toBe(300);
    vi.advanceTimersByTime(10_001);
    expect(delayOfNextRecovery()).toBe(100);
  });

  it('does nothing once the contents are destroyed', () => {
    const { contents, recover } = setUp();
    contents.crash();
    contents.destroyed = true;
    vi.advanceTimersByTime(1_000);
    contents.crash();
    vi.advanceTimersByTime(60_000);
    expect(recover).not.toHaveBeenCalled();
  });

  it('stops when asked', () => {
    const { contents, recover, stop } = setUp();
    contents.crash();
    stop();
    contents.crash();
    vi.advanceTimersByTime(60_000);
    expect(recover).not.toHaveBeenCalled();
  });
});
