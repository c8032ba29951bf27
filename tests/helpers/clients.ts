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

export async function connectConsole(url: string): Promise<ConsoleSocket> {
  const socket: ConsoleSocket = io(`${url}${CONSOLE_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
