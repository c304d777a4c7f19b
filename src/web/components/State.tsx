// Loading, error and empty, each its own look and words, so an API failure never reads
// as "no data": an error is a red alert with the server's message and status, loading
// is a muted "Loading…" (role status), empty says what is missing.
import type { ComponentChildren } from 'preact';
import type { Loaded } from '../lib/use-data.ts';

export function Loading({ what }: { what?: string }) {
  return <p class="state loading" role="status" data-state="loading">Loading{what ? ` ${what}` : ''}…</p>;
}

export function ErrorState({ error, what }: { error: string; what?: string }) {
  return (
    <div class="state error" role="alert" data-state="error">
      <b>{what ? `Could not load ${what}.` : 'Could not load this.'}</b> {error}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="state empty" data-state="empty">{children}</p>;
}

/**
 * Renders `children(data)` once data is there; before that the loading state, on failure
 * the error state (never the children, so a failed count is not shown as 0).
 */
export function Async<T>({ state, what, children }: { state: Loaded<T>; what?: string; children: (data: T) => ComponentChildren }) {
  if (state.error) return <ErrorState error={state.error} what={what} />;
  if (state.data === undefined) return state.loading ? <Loading what={what} /> : null;
  return <>{children(state.data)}</>;
}
