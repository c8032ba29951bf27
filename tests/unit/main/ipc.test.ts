import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  IPC_CHANNEL,
  IPC_CHANNELS,
  type IpcPayload,
  type IpcResult,
} from '../../../src-main/ipc-contract';
import {
  isTrustedSenderFacts,
  registerIpc,
  type IpcHandlers,
} from '../../../src-main/ipc-handlers';
import type {
  HallcueApi,
  HallcueCredentials,
  HallcueHeartbeat,
  HallcuePrefetchFile,
  HallcueSavedState,
} from '../../../src-main/preload-api';

interface FakeEvent {
  trusted: boolean;
  id: string;
}
type Listener = (event: FakeEvent, ...args: unknown[]) => unknown;

const SHA = 'a'.repeat(64);
const savedState: HallcueSavedState = {
  hallId: 'hall',
  offsetMs: 12,
  state: { revision: 2, startAt: 1000, presentation: null },
};

function setUp() {
  const channels = new Map<string, Listener>();
  const ipcMain = {
    handle: (channel: string, listener: Listener) => {
      if (channels.has(channel)) throw new Error(`second handler for ${channel}`);
      channels.set(channel, listener);
    },
  };
  const handlers = {
    saveState: vi.fn(async () => undefined),
    loadState: vi.fn(async () => savedState),
    prefetch: vi.fn(async (files: { sha256: string }[]) => ({
      held: files.map((f) => f.sha256),
      failed: [],
    })),
    held: vi.fn(() => [SHA]),
    screenInfo: vi.fn(() => ({ name: 'left', role: null, displayId: 1, controllerUrls: [] })),
    heartbeat: vi.fn(() => undefined),
    setCredentials: vi.fn(() => undefined),
    screenshot: vi.fn(async () => 'data:image/jpeg;base64,AAAA'),
  } satisfies IpcHandlers<FakeEvent>;
  registerIpc(ipcMain, { isTrustedSender: (event) => event.trusted, handlers });
  const invoke = async (channel: string, event: FakeEvent, ...args: unknown[]) => {
    const listener = channels.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, ...args);
  };
  return { channels, handlers, invoke };
}

const trusted: FakeEvent = { trusted: true, id: 'ours' };
const stranger: FakeEvent = { trusted: false, id: 'iframe' };

describe('registerIpc', () => {
  it('registers exactly the contract channels', () => {
    const { channels } = setUp();
    expect([...channels.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
    expect(IPC_CHANNELS).toEqual([
      'hallcue:saveState',
      'hallcue:loadState',
      'hallcue:prefetch',
      'hallcue:held',
      'hallcue:screenInfo',
      'hallcue:heartbeat',
      'hallcue:setCredentials',
      'hallcue:screenshot',
    ]);
  });

  it('passes the validated payload and the event to the handler', async () => {
    const { handlers, invoke } = setUp();
    await expect(invoke(IPC_CHANNEL.saveState, trusted, savedState)).resolves.toBeUndefined();
    expect(handlers.saveState).toHaveBeenCalledWith(savedState, trusted);
    await expect(invoke(IPC_CHANNEL.loadState, trusted)).resolves.toEqual(savedState);
    await expect(
      invoke(IPC_CHANNEL.prefetch, trusted, [{ sha256: SHA, size: 3 }]),
    ).resolves.toEqual({ held: [SHA], failed: [] });
    await invoke(IPC_CHANNEL.heartbeat, trusted, { revision: 3, slide: null });
    expect(handlers.heartbeat).toHaveBeenCalledWith({ revision: 3, slide: null }, trusted);
    await expect(invoke(IPC_CHANNEL.screenshot, trusted)).resolves.toMatch(/^data:image\/jpeg/);
    // The screenshot takes no argument: anything sent along is refused.
    await expect(invoke(IPC_CHANNEL.screenshot, trusted, 'x')).rejects.toThrow(/refused/);
  });

  it('accepts null to clear the saved state', async () => {
    const { handlers, invoke } = setUp();
    await invoke(IPC_CHANNEL.saveState, trusted, null);
    expect(handlers.saveState).toHaveBeenCalledWith(null, trusted);
  });

  it('refuses every channel to an untrusted sender without calling the handler', async () => {
    const { handlers, invoke } = setUp();
    for (const channel of IPC_CHANNELS) {
      await expect(invoke(channel, stranger)).rejects.toThrow(
        `${channel}: refused: the sender is not a HallCue screen page`,
      );
    }
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    [IPC_CHANNEL.saveState, { ...savedState, offsetMs: 'soon' }, 'offsetMs'],
    [
      IPC_CHANNEL.saveState,
      { ...savedState, state: { ...savedState.state, revision: -1 } },
      'state.revision',
    ],
    [IPC_CHANNEL.prefetch, [{ sha256: 'nope', size: 1 }], '0.sha256'],
    [IPC_CHANNEL.prefetch, { files: [] }, '(payload)'],
    [IPC_CHANNEL.heartbeat, { revision: 1 }, 'slide'],
    [IPC_CHANNEL.heartbeat, { revision: 1.5, slide: 0 }, 'revision'],
    [
      IPC_CHANNEL.setCredentials,
      { controllerUrl: 'file:///etc', screenId: 's', key: 'k'.repeat(16) },
      'controllerUrl',
    ],
    [
      IPC_CHANNEL.setCredentials,
      { controllerUrl: 'http://hall', screenId: 's', key: 'short' },
      'key',
    ],
    [IPC_CHANNEL.held, { anything: true }, '(payload)'],
  ])('refuses a bad %s payload, naming the field %s', async (channel, payload, field) => {
    const { handlers, invoke } = setUp();
    const error = await invoke(channel, trusted, payload).then(
      () => undefined,
      (reason: unknown) => reason as Error,
    );
    expect(error?.message).toMatch(
      new RegExp(`^${channel}: refused: .*${field.replace(/[().]/g, '\\$&')}: `),
    );
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('refuses extra arguments', async () => {
    const { invoke } = setUp();
    await expect(invoke(IPC_CHANNEL.held, trusted, undefined, 'extra')).rejects.toThrow(
      'hallcue:held: refused: expected at most one argument, got 2',
    );
  });

  it('keeps the zod payloads and the preload API types in step', () => {
    expectTypeOf<IpcPayload<'prefetch'>>().toExtend<readonly HallcuePrefetchFile[]>();
    expectTypeOf<IpcPayload<'heartbeat'>>().toEqualTypeOf<HallcueHeartbeat>();
    expectTypeOf<IpcPayload<'setCredentials'>>().toEqualTypeOf<HallcueCredentials>();
    expectTypeOf<IpcPayload<'saveState'>>().toExtend<HallcueSavedState | null>();
    expectTypeOf<HallcueSavedState['state']['revision']>().toEqualTypeOf<number>();
    expectTypeOf<IpcResult<'loadState'>>().toEqualTypeOf<
      Awaited<ReturnType<HallcueApi['loadState']>>
    >();
  });
});

describe('isTrustedSenderFacts', () => {
  const ours = {
    frameUrl: 'hallcue://app/index.html?screen=a',
    isTopFrame: true,
    isOurWindow: true,
  };
  it('trusts the top frame of our window on hallcue://app', () => {
    expect(isTrustedSenderFacts(ours)).toBe(true);
  });
  it.each([
    ['another window', { ...ours, isOurWindow: false }],
    ['an iframe', { ...ours, isTopFrame: false }],
    ['a controller page', { ...ours, frameUrl: 'http://hall:7400/screen' }],
    ['a data: page', { ...ours, frameUrl: 'data:text/html,hi' }],
    ['another host of our scheme', { ...ours, frameUrl: 'hallcue://evil/index.html' }],
    ['a vanished frame', { ...ours, frameUrl: undefined }],
  ])('refuses %s', (_label, facts) => {
    expect(isTrustedSenderFacts(facts)).toBe(false);
  });
});
