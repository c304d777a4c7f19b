// Display names of person ids, gathered from the `people` of every API answer into one
// map; person cells re-render when it grows. The id stays available on hover.
import { useEffect, useState } from 'preact/hooks';

const names = new Map<string, string>();
const listeners = new Set<() => void>();

export function rememberPeople(people: Record<string, string>): void {
  let added = false;
  for (const [id, name] of Object.entries(people)) {
    if (typeof name === 'string' && name && names.get(id) !== name) {
      names.set(id, name);
      added = true;
    }
  }
  if (added) for (const l of listeners) l();
}


/** A person id as people read it: its display name, else the id without its system prefix. */
export function personLabel(id: string): string {
  return names.get(id) ?? id.replace(/^(git|irc|gerrit|phabricator):/, '');
}

/** Re-renders the caller when new names arrive. */
export function usePeople(): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    const on = () => setN((x) => x + 1);
    listeners.add(on);
    return () => {
      listeners.delete(on);
    };
  }, []);
  return n;
}
