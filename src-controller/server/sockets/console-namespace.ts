import type { Namespace, Server, Socket } from 'socket.io';
import {
  activateRequestSchema,
  CONSOLE_NAMESPACE,
  screenIdRequestSchema,
  type ConsoleSnapshot,
  type ConsoleToServerEvents,
  type ServerToConsoleEvents,
} from '../../../src-shared/protocol';
import type { Localized } from '../../../src-shared/localized';
import type { Db } from '../db/open';
import { getScreen, setScreenApproved } from '../db/screens-table';
import { UnknownThemeError, type Hall } from '../hall/hall';
import type { Logger } from '../logger';
import type { ScreenRegistry } from '../screens/screen-registry';
import { onValidated, refuseUnknownEvents, RequestError } from './validated-handler';

export type ConsoleNamespace = Namespace<ConsoleToServerEvents, ServerToConsoleEvents>;
type ConsoleSocket = Socket<ConsoleToServerEvents, ServerToConsoleEvents>;

export interface ConsoleNamespaceDeps {
  db: Db;
  hall: Hall;
  registry: ScreenRegistry;
  log: Logger;
  hallName: Localized;
  version: string;
  /** Whether a console at this address may operate the hall. */
  mayOperate: (address: string) => boolean;
  approveScreen: (screenId: string) => Promise<void>;
}

export function setupConsoleNamespace(io: Server, deps: ConsoleNamespaceDeps): ConsoleNamespace {
  // One Server carries two namespaces with different event maps; each is typed here.
  const nsp = io.of(CONSOLE_NAMESPACE) as unknown as ConsoleNamespace;
  const { db, hall, registry, log } = deps;

  nsp.use((socket, next) => {
    if (deps.mayOperate(socket.handshake.address)) next();
    else {
      log.warn({ address: socket.handshake.address }, 'console refused: remote address');
      next(
        new Error(
          'this console may only be used on the controller machine; start the controller with --allow-remote-console to operate from other machines',
        ),
      );
    }
  });

  const snapshot = (): ConsoleSnapshot => ({
    hallName: deps.hallName,
    version: deps.version,
    themes: hall.themes(),
    screens: registry.summaries(),
    hall: hall.current,
    switches: hall.history(),
  });

  nsp.on('connection', (socket: ConsoleSocket) => {
    const who = `console@${socket.handshake.address}`;
    socket.emit('snapshot', snapshot());

    onValidated(socket, 'activate', activateRequestSchema, log, ({ key }) => {
      try {
        const result = hall.activate(key, who);
        log.info({ key, revision: result.revision, by: who }, 'theme activated');
        return result;
      } catch (error) {
        if (error instanceof UnknownThemeError) throw new RequestError(error.message);
        throw error;
      }
    });

    onValidated(socket, 'approveScreen', screenIdRequestSchema, log, async ({ screenId }) => {
      const screen = getScreen(db, screenId);
      if (!screen) throw new RequestError(`approveScreen: no screen with id ${screenId}`);
      setScreenApproved(db, screenId, true);
      log.info({ screen: screen.name, by: who }, 'screen approved');
      await deps.approveScreen(screenId);
      return null;
    });

    refuseUnknownEvents(socket, ['activate', 'approveScreen'], log);
  });

  return nsp;
}
