import { useCallback, useEffect, useState } from 'react';
import { ApiCallError } from '../api/client';

/** Loads data on mount and on `reload()`; errors are the translated messages from the main process. */
export function useAsync<T>(fn: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const run = useCallback(fn, deps);
  useEffect(() => {
    let live = true;
    run().then(
      (v) => live && (setData(v), setError(null)),
      (e: unknown) => live && setError(e instanceof ApiCallError ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [run, tick]);
  return { data, error, reload: () => setTick((t) => t + 1) };
}

export const errorText = (e: unknown) => (e instanceof ApiCallError ? e.message : String(e));
