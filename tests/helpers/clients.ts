import { io, type Socket } from 'socket.io-client';
import type { ScreenState } from '../../src-shared/hall-state';
import {
  CONSOLE_NAMESPACE,
  SCREEN_NAMESPACE,
  type ConsoleToServerEvents,
  type ScreenToServerEvents,
  type ScreenWelcome,
  type ServerToConsoleEvents,
  type ServerToScreenEvents,
} from '../../src-shared/protocol';
import { TEST_ADMIN } from './controller';

export type ScreenSocket = Socket<ServerToScreenEvents, ScreenToServerEvents>;
export type ConsoleSocket = Socket<ServerToConsoleEvents, ConsoleToServerEvents>;

/** A socket.io-client screen that records every state it is sent. */
export interface TestScreen {
  socket: ScreenSocket;
  states: ScreenState[];
  welcome: Promise<ScreenWelcome>;
  /** Resolves with the first state (already received or future) matching `predicate`. */
  nextState(predicate?: (s: ScreenState) => boolean, timeoutMs?: number): Promise<ScreenState>;
  close(): void;
}

export function connectScreen(url: string, auth: Record<string, unknown>): TestScreen {
  const socket: ScreenSocket = io(`${url}${SCREEN_NAMESPACE}`, {
    transports: ['websocket'],
    auth,
    reconnection: false,
    forceNew: true,
  });
  const states: ScreenState[] = [];
  const waiters: { predicate: (s: ScreenState) => boolean; resolve: (s: ScreenState) => void }[] =
    [];
  socket.on('state', (state) => {
    states.push(state);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(state)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(state);
      }
    }
  });
  const welcome = new Promise<ScreenWelcome>((resolve, reject) => {
    socket.once('welcome', resolve);
    socket.once('connect_error', reject);
  });
  return {
    socket,
    states,
    welcome,
    nextState(predicate = () => true, timeoutMs = 5000) {
      const found = states.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching state within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (s) => {
            clearTimeout(timer);
            resolve(s);
          },
        });
      });
    },
    close: () => socket.close(),
  };
}

/** Logs in over HTTP and returns the session cookie ("hallcue_session=…"). */
export async function loginCookie(
  url: string,
  user: { username: string; password: string } = TEST_ADMIN,
): Promise<string> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(user),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`login as ${user.username} failed: ${res.status}`);
  return cookie;
}

/**
 * A console socket, logged in as the test administrator unless a cookie (another user) or an
 * API token is given.
 */
export async function connectConsole(
  url: string,
  as: { cookie?: string; token?: string } = {},
): Promise<ConsoleSocket> {
  const cookie = as.token ? undefined : (as.cookie ?? (await loginCookie(url)));
  const socket: ConsoleSocket = io(`${url}${CONSOLE_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
    ...(as.token ? { auth: { token: as.token } } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
