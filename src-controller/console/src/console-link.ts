import { io, type Socket } from 'socket.io-client';
import {
  CONSOLE_NAMESPACE,
  type ConsoleToServerEvents,
  type ServerToConsoleEvents,
} from '../../../src-shared/protocol';
import { uploadPack } from './pack-upload';
import { linkVisitorPanel, type VisitorLink } from './visitor-link';
import {
  applyHall,
  applyLibrary,
  applyPackProgress,
  applyScreens,
  applySwitch,
  applySwitchReport,
  createConsoleStore,
  type ConsoleStore,
} from './console-store';

export interface ConsoleLink {
  store: ConsoleStore;
  activate(key: string): Promise<void>;
  approveScreen(screenId: string, code: string): Promise<string | null>;
  revokeScreen(screenId: string): Promise<string | null>;
  upload(file: File): Promise<void>;
  publish(key: string, packVersionId: number): Promise<void>;
  rollback(key: string): Promise<void>;
  deleteVersion(packVersionId: number): Promise<void>;
  visitor: VisitorLink;
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
  socket.on('switchReport', (record) => applySwitchReport(store, record));
  socket.on('library', (library) => applyLibrary(store, library));
  socket.on('packProgress', (progress) => applyPackProgress(store, progress));

  /** Runs a library request; a refusal is shown above the library, success clears it. */
  async function libraryRequest(send: () => Promise<{ ok: boolean; error?: string }>) {
    try {
      const reply = await send();
      store.setState({ libraryError: reply.ok ? null : (reply.error ?? 'refused') });
    } catch {
      store.setState({ libraryError: 'the controller did not answer within 10 s' });
    }
  }

  return {
    store,
    visitor: linkVisitorPanel(socket),
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
    upload: (file) => uploadPack(store, origin, file),
    publish: (key, packVersionId) =>
      libraryRequest(() =>
        socket.timeout(10_000).emitWithAck('publishTheme', { key, packVersionId }),
      ),
    rollback: (key) =>
      libraryRequest(() => socket.timeout(10_000).emitWithAck('rollbackTheme', { key })),
    deleteVersion: (packVersionId) =>
      libraryRequest(() =>
        socket.timeout(10_000).emitWithAck('deletePackVersion', { packVersionId }),
      ),
    async approveScreen(screenId, code) {
      try {
        const reply = await socket.timeout(5000).emitWithAck('approveScreen', { screenId, code });
        return reply.ok ? null : reply.error;
      } catch {
        return 'the controller did not answer within 5 s';
      }
    },
    async revokeScreen(screenId) {
      try {
        const reply = await socket.timeout(5000).emitWithAck('revokeScreen', { screenId });
        return reply.ok ? null : reply.error;
      } catch {
        return 'the controller did not answer within 5 s';
      }
    },
  };
}
