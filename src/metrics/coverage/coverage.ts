// Data coverage: which stretch of time the loaded data of each input table covers, per
// source (oldest and newest event time loaded, last successful collection), and whether
// an asked period lies inside it. Every report, explore and page answer carries this
// instead of the sync time, so Gerrit data ending in 2019 is never shown "as of" today.
import { loadSql } from '../../lib/sql.ts';
import { CATALOGUE, findTable } from '../../model/catalogue/index.ts';
import { eventTimeOf } from '../../model/catalogue/event-time.ts';
import type { Store } from '../../store/index.ts';

export interface SourceCoverage {
  table: string;
  /** Time column the figures count by. */
  time: string;
  source: string;
  rows: number;
  oldest: Date | null;
  newest: Date | null;
  /** Last successful sync or import of this source (null for derived rows or never). */
  last_collected: Date | null;
}

export interface Coverage {
  since: Date | null;
  until: Date | null;
  sources: SourceCoverage[];
  /** One line per input table whose loaded data does not cover the period. */
  gaps: string[];
}

/** A newest event this close to the period's end counts as covering it when the source was collected after it (a quiet stretch, not missing data). */
export const QUIET_DAYS = 30;
const DAY = 86_400_000;

const cache = new WeakMap<Store, { generation: number; tables: Map<string, SourceCoverage[]>; collected?: Map<string, Date | null> }>();

function memo(store: Store) {
  let m = cache.get(store);
  if (!m || m.generation !== store.generation) {
    m = { generation: store.generation, tables: new Map() };
    cache.set(store, m);
  }
  return m;
}

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

async function collected(store: Store): Promise<Map<string, Date | null>> {
  const m = memo(store);
  if (!m.collected) {
    const rows = await store.all<{ source: string; last_success_at: unknown }>(loadSql(import.meta.url, 'collected.sql'));
    m.collected = new Map(rows.map((r) => [r.source, toDate(r.last_success_at)]));
  }
  return m.collected;
}

/** Coverage rows of one table (cached until the store's data changes). */
export async function tableCoverage(store: Store, table: string): Promise<SourceCoverage[]> {
  const m = memo(store);
  const hit = m.tables.get(table);
  if (hit) return hit;
  const def = findTable(table);
  const time = eventTimeOf(table);
  if (!def || !time) return [];
  const file = 'raw_id' in def.columns ? 'coverage-table.sql' : 'coverage-plain.sql';
  const text = loadSql(import.meta.url, file).replace(/\{\{table\}\}/g, `"${table}"`).replace(/\{\{time\}\}/g, `"${time}"`);
  const rows = await store.all<{ source: string; row_count: unknown; oldest: unknown; newest: unknown }>(text);
  const when = await collected(store);
  const out = rows.map((r) => ({
    table, time, source: r.source, rows: Number(r.row_count), oldest: toDate(r.oldest), newest: toDate(r.newest),
    last_collected: when.get(r.source) ?? null,
  }));
  m.tables.set(table, out);
  return out;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Why the loaded data of one table does not cover [since, until), or null when it does. */
export function gapOf(table: string, rows: SourceCoverage[], since: Date | null, until: Date | null): string | null {
  const dated = rows.filter((r) => r.oldest && r.newest);
  if (dated.length === 0) return `${table}: no data loaded`;
  const oldest = new Date(Math.min(...dated.map((r) => r.oldest!.getTime())));
  const newest = new Date(Math.max(...dated.map((r) => r.newest!.getTime())));
  const lastCollected = Math.max(0, ...dated.map((r) => r.last_collected?.getTime() ?? 0));
  const sources = dated.map((r) => r.source).join(', ');
  if (until && until <= oldest) return `${table}: the period ends before its data begins (${sources}: ${day(oldest)} to ${day(newest)})`;
  if (since && since > newest && !(until && lastCollected >= until.getTime() && since.getTime() - newest.getTime() < QUIET_DAYS * DAY)) {
    return `${table}: the period starts after its data ends (${sources}: ${day(oldest)} to ${day(newest)})`;
  }
  const parts: string[] = [];
  if (since && since < oldest) parts.push(`begins ${day(oldest)}`);
  const quiet = until && lastCollected >= until.getTime() && until.getTime() - newest.getTime() < QUIET_DAYS * DAY;
  if (until && until > newest && !quiet) parts.push(`ends ${day(newest)}`);
  return parts.length ? `${table}: partly covered, its data (${sources}) ${parts.join(' and ')}` : null;
}

/** Coverage of `tables` for the period, with a gap line per table that does not cover it. */
export async function coverageOf(store: Store, tables: readonly string[], since: Date | null = null, until: Date | null = null): Promise<Coverage> {
  const sources: SourceCoverage[] = [];
  const gaps: string[] = [];
  for (const t of [...new Set(tables)].sort()) {
    if (!eventTimeOf(t)) continue;
    const rows = await tableCoverage(store, t);
    sources.push(...rows);
    if (since || until) {
      const gap = gapOf(t, rows, since, until);
      if (gap) gaps.push(gap);
    }
  }
  return { since, until, sources, gaps };
}

const PUBLIC = new Set(CATALOGUE.filter((t) => !('internal' in t && t.internal)).map((t) => t.name as string));
PUBLIC.delete('rejects');

/** Catalogue tables named after FROM or JOIN in some SQL texts, views replaced by the tables they read. */
export function tablesIn(texts: readonly string[], views: ReadonlyMap<string, string> = new Map()): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const walk = (text: string) => {
    // a name may be quoted ("x", `x`) and qualified by its database (ClickHouse views say db.x)
    for (const m of text.matchAll(/\b(?:FROM|JOIN)\s+(?:[`"]?\w+[`"]?\.)?[`"]?([A-Za-z_][A-Za-z0-9_]*)[`"]?/gi)) {
      const name = m[1].toLowerCase();
      if (PUBLIC.has(name)) found.add(name);
      else if (views.has(name) && !seen.has(name)) {
        seen.add(name);
        walk(views.get(name)!);
      }
    }
  };
  texts.forEach(walk);
  return [...found].sort();
}

const viewCache = new WeakMap<Store, Promise<Map<string, string>>>();

/** The store's views and their defining SQL (read once per store). */
export function viewsOf(store: Store): Promise<Map<string, string>> {
  let v = viewCache.get(store);
  if (!v) {
    v = store.all<{ name: string; definition: string }>(loadSql(import.meta.url, 'views.sql'))
      .then((rows) => new Map(rows.map((r) => [r.name, r.definition])));
    v.catch(() => viewCache.delete(store));
    viewCache.set(store, v);
  }
  return v;
}
