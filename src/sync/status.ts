// What `shiplog status` and GET /api/status show: per source and scope the last sync,
// cursor, raw count, rejects and freshness; row counts per table; the user datasets; each rollup's size, last
// rebuild and whether readers may use it now; Gerrit projects whose changes match no
// repository; the derive graph (step → tables read →
// tables written) with each step's last run and whether its inputs moved on since.
import { allRollups } from './rollups.ts';
import { rollupsFresh } from '../rollups/state.ts';
import type { Store } from '../store/index.ts';
import { CATALOGUE } from '../model/catalogue/index.ts';
import { describeGraph } from '../derive/graph.ts';
import { STEPS } from '../derive/registry.ts';
import { readVersions } from '../derive/versions.ts';
import { listDatasets, type DatasetInfo } from './datasets/datasets.ts';

export interface ScopeStatus {
  source: string;
  scope: string;
  cursor: string | null;
  last_run_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  raw_records: number;
  rejects: number;
  age_s: number | null;
}

export interface Status {
  scopes: ScopeStatus[];
  tables: Record<string, number>;
  rejects: { source: string; reason: string; count: number; example_location: string | null }[];
  rollups: { name: string; row_count: number | null; refreshed_at: Date | null; duration_ms: number | null; fresh: boolean }[];
  /** Gerrit projects whose changes match no known repository (a NoteDB mirror imported under the wrong name). */
  unmatched_changes: { project: string; changes: number }[];
  /** The derive steps in the order they run. */
  derive: (ReturnType<typeof describeGraph>[number] & { ran_at: Date | null; duration_ms: number | null; rows_changed: number | null; fresh: boolean })[];
  /** User datasets (dataset_<name> tables): columns with stored and inferred types, rows, files, rejects. */
  datasets: DatasetInfo[];
}

/** Gerrit projects with changes that no repository of `repos` holds (their joins to commits are empty). */
export async function unmatchedProjects(store: Store): Promise<{ project: string; changes: number }[]> {
  const rows = await store.all<{ project: string; changes: number }>(
    `SELECT project, count(*) AS changes FROM changes
      WHERE project IS NOT NULL AND project NOT IN (SELECT name FROM repos WHERE name IS NOT NULL)
      GROUP BY project ORDER BY changes DESC, project`);
  return rows.map((r) => ({ project: r.project, changes: Number(r.changes) }));
}

async function deriveStatus(store: Store): Promise<Status['derive']> {
  const versions = await readVersions(store);
  const state = await store.all<{ step: string; seen: string; ran_at: Date | null; duration_ms: number | null; rows_changed: number | null }>('SELECT * FROM step_state');
  return describeGraph(STEPS).map((g) => {
    const s = state.find((x) => x.step === g.step);
    const seen = s ? (JSON.parse(s.seen) as Record<string, number>) : {};
    return {
      ...g, ran_at: s?.ran_at ?? null, duration_ms: s?.duration_ms ?? null, rows_changed: s?.rows_changed === undefined || s?.rows_changed === null ? null : Number(s.rows_changed),
      fresh: g.reads.every((t) => (seen[t] ?? 0) === (versions.get(t) ?? 0)),
    };
  });
}

export async function readStatus(store: Store, now: Date): Promise<Status> {
  const scopes = await store.all<ScopeStatus>(
    `SELECT s.source AS source, s.scope AS scope, s.cursor AS cursor, s.last_run_at AS last_run_at,
            s.last_success_at AS last_success_at, s.last_error AS last_error,
            coalesce(r.n, 0) AS raw_records, coalesce(j.n, 0) AS rejects, NULL AS age_s
       FROM sync_state s
       LEFT JOIN (SELECT source, scope, count(*) AS n FROM raw_records GROUP BY source, scope) r ON r.source = s.source AND r.scope = s.scope
       LEFT JOIN (SELECT source, scope, count(*) AS n FROM rejects GROUP BY source, scope) j ON j.source = s.source AND j.scope = s.scope
      ORDER BY s.source, s.scope`,
  );
  for (const s of scopes) {
    s.age_s = s.last_success_at ? Math.round((now.getTime() - s.last_success_at.getTime()) / 1000) : null;
  }
  const tables = await store.countRows(CATALOGUE.map((t) => t.name));
  const rejects = await store.all<Status['rejects'][number]>(
    `SELECT source, reason, count(*) AS count, min(location) AS example_location
       FROM rejects GROUP BY source, reason ORDER BY count DESC, source, reason LIMIT 200`,
  );
  const built = await store.all<Status['rollups'][number]>('SELECT name, row_count, refreshed_at, duration_ms FROM rollup_state');
  const asked: Parameters<typeof rollupsFresh>[1] = [];
  for (const rollup of allRollups()) asked.push({ rollup, asOf: rollup.asOf ? await rollup.asOf({ store, clock: () => now }) : undefined });
  const fresh = await rollupsFresh(store, asked);
  const rollups: Status['rollups'] = asked.map(({ rollup }, i) => {
    const b = built.find((x) => x.name === rollup.name);
    return { name: rollup.name, row_count: b?.row_count ?? null, refreshed_at: b?.refreshed_at ?? null, duration_ms: b?.duration_ms ?? null, fresh: fresh[i] };
  });
  return { scopes, tables, rejects, rollups, unmatched_changes: await unmatchedProjects(store), derive: await deriveStatus(store), datasets: await listDatasets(store) };
}
