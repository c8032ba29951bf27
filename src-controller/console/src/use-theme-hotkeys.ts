import { useEffect } from 'react';

/** Digits 1-9 pressed anywhere on the page (outside text fields) switch the hall. */
export function useThemeHotkeys(keys: readonly string[], onPress: (key: string) => void) {
  useEffect(() => {
    const handler = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      const target = event.target as HTMLElement | null;
      if (
        target &&
        (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
      ) {
        return;
      }
      if (keys.includes(event.key)) {
        event.preventDefault();
        onPress(event.key);
      }
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, [keys, onPress]);
}
