import { screenStateSchema, type ScreenState } from '../../src-shared/hall-state';

const KEY = 'hallcue.lastState';

export interface Remembered {
  hallId: string;
  state: ScreenState;
  /** Controller clock minus local clock when the state was saved. */
  offsetMs: number;
}

/**
 * The last state shown, kept across reloads and power cuts, so a screen that starts while the
 * controller is unreachable resumes the same theme on the right slide instead of going idle.
 */
export function loadRemembered(storage: Storage): Remembered | null {
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<Remembered> | null;
    const state = screenStateSchema.safeParse(raw?.state);
    if (!raw || typeof raw.hallId !== 'string' || !state.success) return null;
    return { hallId: raw.hallId, state: state.data, offsetMs: Number(raw.offsetMs) || 0 };
  } catch {
    return null;
  }
}

export function remember(storage: Storage, value: Remembered | null): void {
  try {
    if (value) storage.setItem(KEY, JSON.stringify(value));
    else storage.removeItem(KEY);
  } catch {
    // Storage full or unavailable: the screen still plays, it just won't resume after a reboot.
  }
}
