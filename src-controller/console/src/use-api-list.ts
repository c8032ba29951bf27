import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from './api';

/** Loads a list from the API, with a reload after each change and a readable error. */
export function useApiList<T>(path: string) {
  const [items, setItems] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setItems(await api<T>('GET', path));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [path]);
  useEffect(() => {
    void reload();
  }, [reload]);
  /** Runs a change, then reloads; a refusal is shown instead. Resolves true on success. */
  const act = useCallback(
    async (change: () => Promise<unknown>) => {
      try {
        await change();
        setError(null);
        await reload();
        return true;
      } catch (e) {
        setError(errorText(e));
        return false;
      }
    },
    [reload],
  );
  return { items, error, setError, reload, act };
}
