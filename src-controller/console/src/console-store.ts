import { createStore } from 'zustand/vanilla';
import type {
  ConsoleSnapshot,
  HallSummary,
  ScreenSummary,
  SwitchRecord,
} from '../../../src-shared/protocol';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused';

export interface PressFeedback {
  key: string;
  at: number;
  outcome: 'sent' | 'ok' | 'error';
  message: string;
}

export interface ConsoleState {
  connection: ConnectionState;
  connectionError: string | null;
  snapshot: ConsoleSnapshot | null;
  lastPress: PressFeedback | null;
}

/** The console's whole view of the hall; fed only by the socket, read by React. */
export const createConsoleStore = () =>
  createStore<ConsoleState>(() => ({
    connection: 'connecting',
    connectionError: null,
    snapshot: null,
    lastPress: null,
  }));

export type ConsoleStore = ReturnType<typeof createConsoleStore>;

export function applyScreens(store: ConsoleStore, screens: ScreenSummary[]) {
  const snapshot = store.getState().snapshot;
  if (snapshot) store.setState({ snapshot: { ...snapshot, screens } });
}

export function applyHall(store: ConsoleStore, hall: HallSummary) {
  const snapshot = store.getState().snapshot;
  if (snapshot && hall.revision >= snapshot.hall.revision) {
    store.setState({ snapshot: { ...snapshot, hall } });
  }
}

export function applySwitch(store: ConsoleStore, record: SwitchRecord) {
  const snapshot = store.getState().snapshot;
  if (!snapshot || snapshot.switches.some((s) => s.revision === record.revision)) return;
  store.setState({
    snapshot: { ...snapshot, switches: [record, ...snapshot.switches].slice(0, 50) },
  });
}
