// The only place entity keys are built and parsed. Keys are strings with a kind
// prefix (DESIGN.md "Entities"); every table's key column and every links row uses them.

export const DEFAULT_GERRIT_HOST = 'gerrit.wikimedia.org';

export const keys = {
  commit: (repo: string, sha: string) => `commit:${repo}:${sha}`,
  change: (host: string, number: number | string) => `change:${host}:${number}`,
  patchset: (changeKey: string, n: number | string) => `${changeKey}/${n}`,
  task: (id: string | number) => `task:${normalizeTaskId(id)}`,
  build: (system: string, id: string | number) => `build:${system}:${id}`,
  deploy: (source: string, id: string | number) => `deploy:${source}:${id}`,
  window: (id: string) => `window:${id}`,
  train: (version: string) => `train:${version}`,
  incident: (id: string) => `incident:${id}`,
  person: (id: string) => `person:${id}`,
  repo: (name: string) => `repo:${name}`,
  identity: (system: string, account: string) => `${system}:${account}`,
  logEntry: (source: string, id: string) => `${source}:${id}`,
  testResult: (buildKey: string, suite: string | null, cls: string | null, name: string, n: string | number) =>
    `${buildKey}/${suite ?? ''}/${cls ?? ''}/${name}#${n}`,
  zuulQueueItem: (host: string, pipeline: string, item: string, enqueuedMs: number) => `zuul:${host}/${pipeline}/${item}/${enqueuedMs}`,
} as const;

/** A CI build URL as a build id: no scheme, query or trailing slash (host/ci/job/<job>/<n>). */
export function buildIdFromUrl(url: string): string {
  return url.trim().replace(/^[a-z]+:\/\//i, '').replace(/[?#].*$/, '').replace(/\/+$/, '');
}

/** "T123", "123" or 123 → "T123". */
export function normalizeTaskId(id: string | number): string {
  const s = String(id).trim();
  return /^T\d+$/.test(s) ? s : `T${s.replace(/^T/i, '')}`;
}

export type KeyKind =
  | 'commit' | 'change' | 'task' | 'build' | 'deploy' | 'window' | 'train'
  | 'incident' | 'person' | 'repo' | 'patchset' | 'unknown';

/** The kind of entity a key names, from its prefix. */
export function kindOfKey(key: string): KeyKind {
  const prefix = key.slice(0, key.indexOf(':'));
  if (prefix === 'change' && /\/\d+$/.test(key)) return 'patchset';
  const known: KeyKind[] = ['commit', 'change', 'task', 'build', 'deploy', 'window', 'train', 'incident', 'person', 'repo'];
  return (known as string[]).includes(prefix) ? (prefix as KeyKind) : 'unknown';
}

/** The table and key column that hold an entity of this key, for lookups by key. */
export const KEY_TABLES: Record<Exclude<KeyKind, 'unknown'>, { table: string; column: string }> = {
  commit: { table: 'commits', column: 'commit_key' },
  change: { table: 'changes', column: 'change_key' },
  patchset: { table: 'patchsets', column: 'patchset_key' },
  task: { table: 'tasks', column: 'task_key' },
  build: { table: 'ci_builds', column: 'build_key' },
  deploy: { table: 'deployments', column: 'deploy_key' },
  window: { table: 'windows', column: 'window_key' },
  train: { table: 'trains', column: 'train_key' },
  incident: { table: 'incidents', column: 'incident_key' },
  person: { table: 'people', column: 'person_key' },
  repo: { table: 'repos', column: 'repo_key' },
};
