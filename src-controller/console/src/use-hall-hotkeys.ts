import { useEffect, useRef } from 'react';
import { CONSOLE_KEYS, type Keymap } from '../../../src-shared/protocol';

export interface HallHotkeys {
  keymap: Keymap;
  /** A theme key: switches the current target (the whole hall or the chosen zone). */
  onTheme: (themeKey: string) => void;
  onBlackout: () => void;
  onEmergency: () => void;
  onClear: () => void;
  /** Z: the next zone as target; 0: the whole hall. */
  onNextZone: () => void;
  onWholeHall: () => void;
  /** While false (a dialog is open), only the dialog handles keys. */
  enabled: boolean;
}

const CONSOLE_KEY_SET: ReadonlySet<string> = new Set(CONSOLE_KEYS);

/**
 * The console's keyboard: theme keys as assigned (1-9, F1-F12), B blackout, E emergency, Esc
 * clears, Z/0 pick the zone. Typing in a field never fires anything.
 */
export function useHallHotkeys(hotkeys: HallHotkeys) {
  const current = useRef(hotkeys);
  current.current = hotkeys;
  useEffect(() => {
    const handler = (event: KeyboardEvent) => {
      const h = current.current;
      if (!h.enabled || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      const target = event.target as HTMLElement | null;
      if (
        target &&
        (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
      ) {
        return;
      }
      const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
      if (CONSOLE_KEY_SET.has(key)) {
        const themeKey = h.keymap[key as keyof Keymap];
        // Function keys never do their browser thing (reload, full screen) on the console.
        if (themeKey || key.startsWith('F')) event.preventDefault();
        if (themeKey) h.onTheme(themeKey);
        return;
      }
      const action = {
        B: h.onBlackout,
        E: h.onEmergency,
        Escape: h.onClear,
        Z: h.onNextZone,
        '0': h.onWholeHall,
      }[key];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, []);
}
