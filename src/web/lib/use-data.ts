// Loads data for a component when its inputs change; stale answers are dropped. An error
// clears the data, so a page never shows an old or empty answer as if it were current.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.ts';

export interface Loaded<T> {
  data?: T;
  error?: string;
  loading: boolean;
}

function describe(err: unknown): string {
  if (err instanceof ApiError) return err.status >= 500 ? `${err.message} (HTTP ${err.status})` : err.message;
  if (err instanceof TypeError) return `The server did not answer: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

export function useData<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (err: unknown) => live && setState({ error: describe(err), loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}
