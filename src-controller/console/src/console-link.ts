import { io, type Socket } from 'socket.io-client';
import {
  CONSOLE_NAMESPACE,
  type ConsoleToServerEvents,
  type ServerToConsoleEvents,
} from '../../../src-shared/protocol';
import { hallActions, type HallActions } from './hall-actions';
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
import { currentI18n } from './i18n';

export interface ConsoleLink extends HallActions {
  store: ConsoleStore;
  activate(key: string): Promise<void>;
  approveScreen(screenId: string, code: string): Promise<string | null>;
  revokeScreen(screenId: string): Promise<string | null>;
  upload(file: File): Promise<void>;
  publish(key: string, packVersionId: number): Promise<void>;
  rollback(key: string): Promise<void>;
  deleteVersion(packVersionId: number): Promise<void>;
  close(): void;
  visitor: VisitorLink;
}

/**
 * Connects the console to its controller and keeps the store in step with the hall. The session
 * cookie authenticates the socket; `onSessionEnded` runs when the controller no longer accepts it
 * (logged out elsewhere, disabled, role changed) so the page can return to the login.
 */
export function connectConsole(origin: string, onSessionEnded: () => void): ConsoleLink {
  const store = createConsoleStore();
  const socket: Socket<ServerToConsoleEvents, ConsoleToServerEvents> = io(
    `${origin}${CONSOLE_NAMESPACE}`,
    { transports: ['websocket'] },
  );
  socket.on('connect', () => store.setState({ connection: 'online', connectionError: null }));
  socket.on('disconnect', (reason) => {
    store.setState({ connection: 'offline' });
    if (reason === 'io server disconnect') onSessionEnded();
  });
  socket.on('connect_error', (error) => {
    const code = (error as { data?: { code?: string } }).data?.code;
    if (code === 'not-logged-in' || code === 'setup-needed') {
      onSessionEnded();
      return;
    }
    store.setState({
      connection: socket.active ? 'offline' : 'refused',
      connectionError: error.message,
    });
  });
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
      store.setState({
        libraryError: reply.ok ? null : (reply.error ?? currentI18n().t('app.refused')),
      });
    } catch {
      store.setState({ libraryError: currentI18n().t('app.timeout', 10) });
    }
  }

  return {
    store,
    ...hallActions(socket, store),
    close: () => socket.close(),
    visitor: linkVisitorPanel(socket),
    async activate(key) {
      store.setState({ lastPress: { key, at: Date.now(), outcome: 'sent', message: '' } });
      try {
        const reply = await socket.timeout(5000).emitWithAck('activate', { key });
        store.setState({
          lastPress: reply.ok
            ? {
                key,
                at: Date.now(),
                outcome: 'ok',
                message: currentI18n().t('keys.revision', reply.data.revision),
              }
            : { key, at: Date.now(), outcome: 'error', message: reply.error },
        });
      } catch {
        store.setState({
          lastPress: {
            key,
            at: Date.now(),
            outcome: 'error',
            message: currentI18n().t('app.timeout', 5),
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
        return currentI18n().t('app.timeout', 5);
      }
    },
    async revokeScreen(screenId) {
      try {
        const reply = await socket.timeout(5000).emitWithAck('revokeScreen', { screenId });
        return reply.ok ? null : reply.error;
      } catch {
        return currentI18n().t('app.timeout', 5);
      }
    },
  };
}
