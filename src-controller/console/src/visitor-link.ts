import type { Socket } from 'socket.io-client';
import { createStore } from 'zustand/vanilla';
import type { ConsoleToServerEvents, ServerToConsoleEvents } from '../../../src-shared/protocol';
import type { VisitorOverview, VisitorSettings } from '../../../src-shared/visitor';

export interface VisitorState {
  overview: VisitorOverview | null;
  saving: boolean;
  /** The controller's reason when it refused the settings. */
  error: string | null;
}

export type VisitorStore = ReturnType<typeof createVisitorStore>;
const createVisitorStore = () =>
  createStore<VisitorState>(() => ({ overview: null, saving: false, error: null }));

/** The visitor-page panel's side of the console socket: its state and its one request. */
export function linkVisitorPanel(socket: Socket<ServerToConsoleEvents, ConsoleToServerEvents>) {
  const store = createVisitorStore();
  socket.on('visitor', (overview) => store.setState({ overview }));
  return {
    store,
    async save(settings: VisitorSettings): Promise<boolean> {
      store.setState({ saving: true, error: null });
      try {
        const reply = await socket.timeout(10_000).emitWithAck('saveVisitorSettings', settings);
        store.setState(
          reply.ok
            ? { saving: false, overview: reply.data }
            : { saving: false, error: reply.error },
        );
        return reply.ok;
      } catch {
        store.setState({ saving: false, error: 'timeout' });
        return false;
      }
    },
  };
}

export type VisitorLink = ReturnType<typeof linkVisitorPanel>;
