import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../../src-main/ipc-contract';
import { VERSION_ARG_PREFIX } from '../../../src-main/kiosk-window';

// Electron's binary is not installed; the preload only needs these two objects from it.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (..._args: unknown[]) => 'reply'),
}));
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: { invoke: electron.invoke, send: vi.fn(), on: vi.fn() },
}));

describe('preload', () => {
  const argv = process.argv;
  beforeAll(async () => {
    process.argv = [...argv, `${VERSION_ARG_PREFIX}1.2.3`];
    await import('../../../src-main/preload');
  });
  afterAll(() => {
    process.argv = argv;
  });

  const api = () => electron.exposed.get('hallcue') as Record<string, unknown>;

  it('exposes only window.hallcue, with one function per channel plus two constants', () => {
    expect([...electron.exposed.keys()]).toEqual(['hallcue']);
    expect(Object.keys(api()).sort()).toEqual(
      [...Object.keys(IPC_CHANNEL), 'platform', 'version'].sort(),
    );
    expect(api().platform).toBe('electron');
    expect(api().version).toBe('1.2.3');
    for (const value of Object.values(api())) {
      // Nothing that could be ipcRenderer or hand it out.
      expect(typeof value === 'function' || typeof value === 'string').toBe(true);
    }
  });

  it('forwards each call to its own channel with just its argument', async () => {
    const calls: [string, unknown][] = [
      ['saveState', { hallId: 'h' }],
      ['prefetch', [{ sha256: 'a', size: 1 }]],
      ['heartbeat', { revision: 1, slide: 0 }],
      ['setCredentials', { controllerUrl: 'http://hall', screenId: 's', key: 'k' }],
    ];
    for (const [method, argument] of calls) {
      electron.invoke.mockClear();
      const call = api()[method] as (arg: unknown, extra?: unknown) => Promise<unknown>;
      await expect(call(argument, 'smuggled')).resolves.toBe('reply');
      expect(electron.invoke).toHaveBeenCalledExactlyOnceWith(
        IPC_CHANNEL[method as keyof typeof IPC_CHANNEL],
        argument,
      );
    }
    for (const method of ['loadState', 'held', 'screenInfo'] as const) {
      electron.invoke.mockClear();
      await (api()[method] as (extra?: unknown) => Promise<unknown>)('smuggled');
      expect(electron.invoke).toHaveBeenCalledExactlyOnceWith(IPC_CHANNEL[method]);
    }
  });
});
