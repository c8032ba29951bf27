import type { Socket } from 'socket.io-client';
import type { EmergencyRequest } from '../../../src-shared/hall-override';
import type { Programme, ProgrammeStatus } from '../../../src-shared/programme';
import type { ScreenState } from '../../../src-shared/hall-state';
import type {
  ConsoleToServerEvents,
  Keymap,
  ServerToConsoleEvents,
  UpdateScreenRequest,
  ZoneSummary,
} from '../../../src-shared/protocol';
import type { Reply } from '../../../src-shared/reply';
import type { ConsoleStore } from './console-store';

type ConsoleSocket = Socket<ServerToConsoleEvents, ConsoleToServerEvents>;

/** A request's outcome as the console shows it: the data, or a readable error. */
export type Outcome<T> = { ok: true; data: T } | { ok: false; error: string };

/** Blackout, emergency, keys, zones and screen management, over the console's socket. */
export interface HallActions {
  activateIn(key: string, zone: string | null): Promise<Outcome<{ revision: number }>>;
  blackout(): Promise<Outcome<{ revision: number }>>;
  raiseEmergency(request: EmergencyRequest): Promise<Outcome<{ revision: number }>>;
  clearOverride(): Promise<Outcome<{ revision: number }>>;
  listPackMedia(
    packVersionId: number,
  ): Promise<Outcome<{ path: string; type: 'image' | 'video' }[]>>;
  setKeymap(keymap: Keymap): Promise<Outcome<null>>;
  saveZone(name: string, id?: string): Promise<Outcome<{ id: string }>>;
  deleteZone(id: string): Promise<Outcome<null>>;
  updateScreen(request: UpdateScreenRequest): Promise<Outcome<null>>;
  identifyScreen(screenId: string): Promise<Outcome<null>>;
  reloadScreen(screenId: string): Promise<Outcome<null>>;
  screenshotScreen(screenId: string): Promise<Outcome<{ dataUrl: string }>>;
  setProgramme(programme: Programme): Promise<Outcome<null>>;
  hallPreviews(): Promise<Outcome<Record<string, ScreenState>>>;
  resumeProgramme(): Promise<Outcome<null>>;
}

export function applyProgramme(store: ConsoleStore, programme: ProgrammeStatus) {
  const snapshot = store.getState().snapshot;
  if (snapshot) store.setState({ snapshot: { ...snapshot, programme } });
}

export function applyZones(store: ConsoleStore, zones: ZoneSummary[]) {
  const snapshot = store.getState().snapshot;
  if (snapshot) store.setState({ snapshot: { ...snapshot, zones } });
}

export function applyKeymap(store: ConsoleStore, keymap: Keymap) {
  const snapshot = store.getState().snapshot;
  if (snapshot) store.setState({ snapshot: { ...snapshot, keymap } });
}

export function hallActions(socket: ConsoleSocket, store: ConsoleStore): HallActions {
  socket.on('zones', (zones) => applyZones(store, zones));
  socket.on('keymap', (keymap) => applyKeymap(store, keymap));
  socket.on('programme', (programme) => applyProgramme(store, programme));

  async function call<T>(send: () => Promise<Reply<T>>, seconds = 5): Promise<Outcome<T>> {
    try {
      return await send();
    } catch {
      return { ok: false, error: `the controller did not answer within ${seconds} s` };
    }
  }
  const t = (seconds: number) => socket.timeout(seconds * 1000);
  return {
    activateIn: (key, zone) =>
      call(() => t(5).emitWithAck('activate', zone ? { key, zone } : { key })),
    blackout: () => call(() => t(5).emitWithAck('blackout', {})),
    raiseEmergency: (request) => call(() => t(5).emitWithAck('raiseEmergency', request)),
    clearOverride: () => call(() => t(5).emitWithAck('clearOverride', {})),
    listPackMedia: (packVersionId) =>
      call(() => t(5).emitWithAck('listPackMedia', { packVersionId })),
    setKeymap: (keymap) => call(() => t(5).emitWithAck('setKeymap', { keymap })),
    saveZone: (name, id) =>
      call(() => t(5).emitWithAck('saveZone', id === undefined ? { name } : { id, name })),
    deleteZone: (id) => call(() => t(5).emitWithAck('deleteZone', { id })),
    updateScreen: (request) => call(() => t(5).emitWithAck('updateScreen', request)),
    identifyScreen: (screenId) => call(() => t(5).emitWithAck('identifyScreen', { screenId })),
    reloadScreen: (screenId) => call(() => t(5).emitWithAck('reloadScreen', { screenId })),
    setProgramme: (programme) => call(() => t(5).emitWithAck('setProgramme', { programme })),
    hallPreviews: () => call(() => t(5).emitWithAck('hallPreviews', {})),
    resumeProgramme: () => call(() => t(5).emitWithAck('resumeProgramme', {})),
    screenshotScreen: (screenId) =>
      call(() => t(15).emitWithAck('screenshotScreen', { screenId }), 15),
  };
}
