import { describeIssues } from '../src-shared/protocol';
import { isAppUrl } from './app-protocol';
import {
  IPC_CHANNEL,
  ipcPayloadSchemas,
  type IpcMethod,
  type IpcPayload,
  type IpcResult,
} from './ipc-contract';

/** The slice of Electron's ipcMain that registerIpc uses. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
}

/** One handler per `window.hallcue` method, receiving the validated payload and the event. */
export type IpcHandlers<E> = {
  [M in IpcMethod]: (payload: IpcPayload<M>, event: E) => IpcResult<M> | Promise<IpcResult<M>>;
};

/** What registerIpc needs: who may call, and what each call does. */
export interface IpcSetup<E> {
  /** True only for the top frame of one of our kiosk windows showing the bundled UI. */
  isTrustedSender: (event: E) => boolean;
  handlers: IpcHandlers<E>;
}

/** The facts about an IPC sender that decide whether to trust it. */
export interface SenderFacts {
  /** URL of the frame that sent the message; undefined when the frame is gone. */
  frameUrl: string | undefined;
  isTopFrame: boolean;
  /** Whether the sender's BrowserWindow is one of our kiosk windows. */
  isOurWindow: boolean;
}

/**
 * The trust rule for IPC: our window, its top frame, showing `hallcue://app`. An html slide in
 * an iframe, or a page the window was somehow navigated to, gets nothing.
 */
export function isTrustedSenderFacts(facts: SenderFacts): boolean {
  return (
    facts.isOurWindow &&
    facts.isTopFrame &&
    facts.frameUrl !== undefined &&
    isAppUrl(facts.frameUrl)
  );
}

/**
 * Registers every channel of IPC_CHANNEL on `ipcMain`. Each call is refused (the renderer's
 * invoke() rejects with the message) unless the sender is trusted and the payload matches the
 * channel's schema; only then does the handler run.
 */
export function registerIpc<E>(ipcMain: IpcMainLike<E>, setup: IpcSetup<E>): void {
  const register = <M extends IpcMethod>(method: M) => {
    const channel = IPC_CHANNEL[method];
    const schema = ipcPayloadSchemas[method];
    const handler = setup.handlers[method];
    ipcMain.handle(channel, async (event, ...args) => {
      if (!setup.isTrustedSender(event)) {
        throw new Error(`${channel}: refused: the sender is not a HallCue screen page`);
      }
      if (args.length > 1) {
        throw new Error(`${channel}: refused: expected at most one argument, got ${args.length}`);
      }
      const parsed = schema.safeParse(args[0]);
      if (!parsed.success) {
        throw new Error(`${channel}: refused: ${describeIssues(parsed.error)}`);
      }
      return handler(parsed.data as IpcPayload<M>, event);
    });
  };
  for (const method of Object.keys(IPC_CHANNEL) as IpcMethod[]) register(method);
}
