import { io, type Socket } from 'socket.io-client';
import {
  CONSOLE_NAMESPACE,
  type ConsoleToServerEvents,
  type ServerToConsoleEvents,
} from '../../../src-shared/protocol';
import {
  applyHall,
  applyScreens,
  applySwitch,
  createConsoleStore,
  type ConsoleStore,
} from './console-store';

export interface ConsoleLink {
  store: ConsoleStore;
  activate(key: string): Promise<void>;
  approveScreen(screenId: string): Promise<string | null>;
}

/** Connects the console to its controller and keeps the store in step with the hall. */
export function connectConsole(origin: string): ConsoleLink {
  const store = createConsoleStore();
  const socket: Socket<ServerToConsoleEvents, ConsoleToServerEvents> = io(
    `${origin}${CONSOLE_NAMESPACE}`,
    { transports: ['websocket'] },
  );
  socket.on('connect', () => store.setState({ connection: 'online', connectionError: null }));
  socket.on('disconnect', () => store.setState({ connection: 'offline' }));
  socket.on('connect_error', (error) =>
    store.setState({
      connection: socket.active ? 'offline' : 'refused',
      connectionError: error.message,
    }),
  );
  socket.on('snapshot', (snapshot) => store.setState({ snapshot }));
  socket.on('screens', (screens) => applyScreens(store, screens));
  socket.on('hall', (hall) => applyHall(store, hall));
  socket.on('switched', (record) => applySwitch(store, record));

  return {
    store,
    async activate(key) {
      store.setState({ lastPress: { key, at: Date.now(), outcome: 'sent', message: '' } });
      try {
        const reply = await socket.timeout(5000).emitWithAck('activate', { key });
        store.setState({
          lastPress: reply.ok
            ? { key, at: Date.now(), outcome: 'ok', message: `revision ${reply.data.revision}` }
            : { key, at: Date.now(), outcome: 'error', message: reply.error },
        });
      } catch {
        store.setState({
          lastPress: {
            key,
            at: Date.now(),
            outcome: 'error',
            message: 'the controller did not answer within 5 s',
          },
        });
      }
    },
    async approveScreen(screenId) {
      try {
        const reply = await socket.timeout(5000).emitWithAck('approveScreen', { screenId });
        return reply.ok ? null : reply.error;
      } catch {
        return 'the controller did not answer within 5 s';
      }
    },
  };
}
