import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreenWelcome } from '../../src-shared/protocol';
import {
  connectConsole,
  connectScreen,
  sleep,
  type ConsoleSocket,
  type TestScreen,
} from '../helpers/clients';
import { startTestHall, type TestHall } from '../helpers/controller';

/**
 * Property-based fuzzing of every Socket.IO event of both namespaces with fast-check: wrong
 * types, huge and deeply nested payloads, unknown events, missing or extra arguments, floods.
 * Fixed seeds and bounded runs keep it repeatable and CI-sized; a failure prints the seed and
 * the shrunk counterexample.
 */
const SEED = 7_2026;
const RUNS = 120;

const SCREEN_EVENTS = ['time', 'presented', 'holding'] as const;
const CONSOLE_EVENTS = [
  'activate',
  'approveScreen',
  'revokeScreen',
  'publishTheme',
  'rollbackTheme',
  'deletePackVersion',
] as const;
/** Names socket.io-client refuses to emit; the server never sees them from a client. */
const RESERVED = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

let hall: TestHall;
let victim: TestScreen;
let victimWelcome: ScreenWelcome;
let stranger: TestScreen;
let strangerWelcome: ScreenWelcome;
let approved: TestScreen;
let console: ConsoleSocket;
/** Every message any fuzzing client received, as JSON, to look for another screen's secrets. */
const received: string[] = [];

beforeAll(async () => {
  hall = await startTestHall({ trustLoopback: false });
  console = await connectConsole(hall.controller.url);
  await console.emitWithAck('activate', { key: '1' });
  const pair = async (name: string) => {
    const screen = connectScreen(hall.controller.url, { name });
    const welcome = await screen.welcome;
    const reply = await console.emitWithAck('approveScreen', {
      screenId: welcome.screenId,
      code: welcome.pairingCode ?? '',
    });
    expect(reply.ok).toBe(true);
    await screen.nextState();
    return { screen, welcome };
  };
  ({ screen: victim, welcome: victimWelcome } = await pair('victim'));
  ({ screen: approved } = await pair('fuzzer'));
  stranger = connectScreen(hall.controller.url, { name: 'stranger' });
  strangerWelcome = await stranger.welcome;
  for (const socket of [approved.socket, stranger.socket, console]) {
    (socket as unknown as { onAny(f: (...a: unknown[]) => void): void }).onAny((...args) =>
      received.push(JSON.stringify(args)),
    );
  }
});
afterAll(async () => {
  for (const s of [victim, approved, stranger]) s?.close();
  console?.close();
  await hall?.cleanup();
});

/** Payloads of every shape, bounded so one message stays under the 64 KB transport limit. */
const payload = fc.oneof(
  fc.anything({ maxDepth: 4, maxKeys: 8, withNullPrototype: true, withObjectString: true }),
  fc.string({ maxLength: 2000 }),
  fc.constantFrom(
    '__proto__',
    { __proto__: { approved: true } },
    JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'),
    JSON.parse('{"a":' + '['.repeat(500) + ']'.repeat(500) + '}'),
    { key: '1'.repeat(20_000) },
    { files: Array.from({ length: 500 }, (_, i) => i.toString(16).padStart(64, '0')) },
    { revision: Number.MAX_SAFE_INTEGER, presentedAt: -1 },
    { revision: -1, presentedAt: 1e308 },
    { sentAt: 'now' },
    { screenId: "' OR 1=1 --", code: '000000' },
    { packVersionId: 2 ** 53 },
    [],
    null,
  ),
  // Right shape, wrong details: the parts fast-check varies are the ones validators miss.
  fc.record({ key: fc.string({ maxLength: 12 }) }),
  fc.record({ revision: fc.integer(), presentedAt: fc.double() }),
  fc.record({ screenId: fc.string({ maxLength: 80 }), code: fc.string({ maxLength: 8 }) }),
  fc.record({ files: fc.array(fc.string({ maxLength: 70 }), { maxLength: 20 }) }),
);
/** What socket.io-client sends as `auth`: always an object, of any content. */
const handshake: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.object({ maxDepth: 3, maxKeys: 6 }),
  fc.record({
    name: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('victim', 'fuzzer', '../etc', '')),
    key: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
  }),
  fc.constant({ name: 'victim', key: 'k'.repeat(64) }),
  fc.constant({ name: 'x'.repeat(40_000) }),
);
const eventName = (known: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...known),
    fc.constantFrom(...known),
    fc.string({ minLength: 1, maxLength: 300 }).filter((name) => !RESERVED.has(name)),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'welcome', 'state'),
  );
/** 0–2 extra arguments before the acknowledgement, or none at all. */
const extraArgs = fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 2 });

function emitRaw(socket: unknown, event: string, args: unknown[], wantAck: boolean) {
  const loose = socket as {
    timeout(ms: number): { emit(...a: unknown[]): void };
    emit(...a: unknown[]): void;
  };
  if (!wantAck) {
    loose.emit(event, ...args);
    return Promise.resolve(undefined);
  }
  return new Promise<unknown>((resolve) =>
    loose
      .timeout(3000)
      .emit(event, ...args, (error: unknown, reply: unknown) =>
        resolve(error ? { timedOut: true } : reply),
      ),
  );
}

/** An answer is a Reply: ok with data, or a short error that names the event or the problem. */
function expectClearReply(reply: unknown, event: string, known: readonly string[]) {
  expect(reply).toBeTypeOf('object');
  const r = reply as { ok?: unknown; error?: unknown; timedOut?: boolean };
  expect(r.timedOut).toBeUndefined();
  expect(typeof r.ok).toBe('boolean');
  if (r.ok === false) {
    expect(typeof r.error).toBe('string');
    const error = r.error as string;
    expect(error.length).toBeLessThan(2000);
    if (known.includes(event)) expect(error.startsWith(`${event}: `)).toBe(true);
    else expect(error).toBe(`unknown event "${event.slice(0, 64)}"`);
    expect(error).not.toMatch(/at .*\.ts:\d+|SqliteError|TypeError/);
  }
}

async function stillServing() {
  const reply = await approved.socket.timeout(3000).emitWithAck('time', { sentAt: 1 });
  expect(reply.ok).toBe(true);
  expect(approved.socket.connected).toBe(true);
  expect((await fetch(`${hall.controller.url}/api/health`)).status).toBe(200);
}

function expectNoLeaks() {
  const all = received.join('\n');
  expect(all).not.toContain(victimWelcome.key!);
  // The unapproved screen never gets content.
  expect(stranger.states).toEqual([]);
}

describe('fuzzing Socket.IO events', () => {
  it(
    '/screen: every event and payload, from an approved and an unapproved screen',
    { timeout: 120_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          eventName(SCREEN_EVENTS),
          payload,
          extraArgs,
          fc.boolean(),
          fc.boolean(),
          async (event, body, extra, fromStranger, wantAck) => {
            const socket = fromStranger ? stranger.socket : approved.socket;
            const reply = await emitRaw(socket, event, [body, ...extra], wantAck);
            if (wantAck) expectClearReply(reply, event, SCREEN_EVENTS);
            expect(socket.connected).toBe(true);
          },
        ),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      await stillServing();
      expectNoLeaks();
      // Nothing the fuzzer sent was taken as a report from a screen that is not approved.
      const reply = await stranger.socket.emitWithAck('presented', { revision: 1, presentedAt: 1 });
      expect(reply).toEqual({ ok: false, error: 'presented: screen is not approved' });
    },
  );

  it('/console: every event and payload', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        eventName(CONSOLE_EVENTS),
        payload,
        extraArgs,
        async (event, body, extra) => {
          const reply = await emitRaw(console, event, [body, ...extra], true);
          expectClearReply(reply, event, CONSOLE_EVENTS);
          expect(console.connected).toBe(true);
        },
      ),
      { seed: SEED + 1, numRuns: RUNS, endOnFailure: true },
    );
    await stillServing();
    expectNoLeaks();
    // The stranger is still waiting: no fuzzed approval guessed its code.
    expect(
      hall.controller.db
        .prepare('SELECT approved FROM screens WHERE id = ?')
        .get(strangerWelcome.screenId),
    ).toEqual({ approved: 0 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it(
    'handshakes: any auth payload is refused with a reason or admitted, never crashes',
    { timeout: 60_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(handshake, async (auth) => {
          const screen = connectScreen(hall.controller.url, auth);
          try {
            const outcome = await Promise.race([
              screen.welcome.then(
                (w) => ({ welcome: w }),
                (e: Error) => ({ error: e.message }),
              ),
              sleep(5000).then(() => ({ error: 'no answer within 5 s' })),
            ]);
            if ('error' in outcome) expect(outcome.error).toMatch(/^screen auth: /);
            else expect(outcome.welcome.key).not.toBe(victimWelcome.key);
          } finally {
            screen.close();
          }
        }),
        { seed: SEED + 2, numRuns: 40, endOnFailure: true },
      );
      await stillServing();
    },
  );

  it(
    'floods: thousands of events and connections leave the controller answering',
    { timeout: 60_000 },
    async () => {
      const flooder = connectScreen(hall.controller.url, { name: 'fuzzer', key: 'x'.repeat(20) });
      // Wrong key for an approved name: refused, so the flood comes from an approved socket.
      await flooder.welcome.catch(() => undefined);
      flooder.close();
      const loose = approved.socket as unknown as { emit(...a: unknown[]): void };
      for (let i = 0; i < 3000; i++) {
        loose.emit(i % 2 ? 'time' : 'holding', i % 3 ? { sentAt: i } : { files: ['nope'] });
        loose.emit(`junk-${i}`, { i });
      }
      const consoleLoose = console as unknown as { emit(...a: unknown[]): void };
      for (let i = 0; i < 1000; i++) consoleLoose.emit('activate', { key: 'Q' });
      const churn = Array.from({ length: 100 }, (_, i) =>
        connectScreen(hall.controller.url, { name: `fuzzer`, key: `${i}`.padStart(20, 'k') }),
      );
      await Promise.all(churn.map((s) => s.welcome.catch(() => undefined)));
      for (const s of churn) s.close();
      await sleep(200);
      await stillServing();
      // The victim was never disturbed: still connected, still on the hall's revision.
      expect(victim.socket.connected).toBe(true);
      expect(victim.states.at(-1)?.revision).toBe(hall.controller.hall.current.revision);
    },
  );
});
