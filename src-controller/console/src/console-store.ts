import { createStore } from 'zustand/vanilla';
import type {
  ConsoleSnapshot,
  HallSummary,
  PackProgress,
  PackSummary,
  ThemeSummary,
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

/** One problem or warning from the pack validator, as the HTTP answer carries it. */
export interface ReportLine {
  file: string;
  field?: string;
  reason: string;
}

/** The state of the current (or last) pack upload, for the progress bars and the report. */
export interface UploadState {
  id: string;
  fileName: string;
  phase: 'uploading' | PackProgress['phase'] | 'imported' | 'refused' | 'failed';
  uploadedBytes: number;
  totalUploadBytes: number;
  processedBytes: number;
  totalProcessBytes: number;
  message: string;
  problems: ReportLine[];
  warnings: ReportLine[];
}

export interface ConsoleState {
  connection: ConnectionState;
  connectionError: string | null;
  snapshot: ConsoleSnapshot | null;
  lastPress: PressFeedback | null;
  upload: UploadState | null;
  libraryError: string | null;
}

/** The console's whole view of the hall; fed only by the socket, read by React. */
export const createConsoleStore = () =>
  createStore<ConsoleState>(() => ({
    connection: 'connecting',
    connectionError: null,
    snapshot: null,
    lastPress: null,
    upload: null,
    libraryError: null,
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

export function applyLibrary(
  store: ConsoleStore,
  library: { packs: PackSummary[]; themes: ThemeSummary[] },
) {
  const snapshot = store.getState().snapshot;
  if (snapshot) store.setState({ snapshot: { ...snapshot, ...library } });
}

export function applyPackProgress(store: ConsoleStore, progress: PackProgress) {
  const upload = store.getState().upload;
  if (!upload || upload.id !== progress.uploadId) return;
  if (upload.phase === 'imported' || upload.phase === 'refused' || upload.phase === 'failed')
    return;
  store.setState({
    upload: {
      ...upload,
      phase: progress.phase,
      processedBytes: progress.doneBytes,
      totalProcessBytes: progress.totalBytes,
    },
  });
}

export function patchUpload(store: ConsoleStore, patch: Partial<UploadState>) {
  const upload = store.getState().upload;
  if (upload) store.setState({ upload: { ...upload, ...patch } });
}

export function applySwitchReport(store: ConsoleStore, record: SwitchRecord) {
  const snapshot = store.getState().snapshot;
  if (!snapshot) return;
  store.setState({
    snapshot: {
      ...snapshot,
      switches: snapshot.switches.map((s) => (s.revision === record.revision ? record : s)),
    },
  });
}
