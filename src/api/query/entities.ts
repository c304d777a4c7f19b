// Entities by key and the link graph around one: a breadth-first walk over `links` in
// both directions, depth- and size-limited, each edge with its rule, evidence and
// confidence, each node with its table and a one-line label. Identifiers come from
// KEY_TABLES and the fixed label map below, keys are bound parameters.
import { KEY_TABLES, kindOfKey } from '../../model/ids.ts';
import type { Store } from '../../store/index.ts';
import { ident, loadSql } from '../../lib/sql.ts';
import { readCatalog } from './catalog.ts';

/** The column that names an entity in one line, per table. */
const LABELS: Record<string, string> = {
  commits: 'subject', changes: 'subject', patchsets: 'sha', tasks: 'title', ci_builds: 'job',
  deployments: 'message', windows: 'name', trains: 'version', incidents: 'title', people: 'display_name',
  repos: 'name', identities: 'account', log_entries: 'message', test_results: 'name', deployment_items: 'path',
};

export interface Found {
  key: string;
  kind: string;
  table: string;
  row: Record<string, unknown>;
}

/** Tables that may hold `key`: the one its prefix names, else every table with a single text key. */
async function candidateTables(store: Store, key: string): Promise<{ table: string; column: string }[]> {
  const kind = kindOfKey(key);
  if (kind !== 'unknown') return [KEY_TABLES[kind]];
  const catalog = await readCatalog(store);
  return [...catalog.values()]
    .filter((t) => t.keys.length === 1 && t.columns.find((c) => c.name === t.keys[0])?.type === 'VARCHAR')
    .map((t) => ({ table: t.table, column: t.keys[0] }));
}

export async function findEntity(store: Store, key: string): Promise<Found | null> {
  for (const { table, column } of await candidateTables(store, key)) {
    const [row] = await store.all<Record<string, unknown>>(`SELECT * FROM ${ident(table)} WHERE ${ident(column)} = $1 LIMIT 1`, [key]);
    if (row) return { key, kind: kindOfKey(key), table, row };
  }
  return null;
}

export interface TreeNode {
  key: string;
  kind: string;
  table: string | null;
  label: string | null;
  depth: number;
  /** False when no table holds the key yet (a link to something not collected). */
  found: boolean;
}

export interface TreeEdge {
  src_key: string;
  dst_key: string;
  rule: string;
  evidence: string | null;
  confidence: string;
  first_seen_at: Date | null;
}

export interface Tree {
  root: string;
  depth: number;
  nodes: TreeNode[];
  edges: TreeEdge[];
  /** True when the node or edge limit cut the walk short. */
  truncated: boolean;
}

async function describeNodes(store: Store, keys: string[], depthOf: Map<string, number>): Promise<TreeNode[]> {
  const byTable = new Map<string, { column: string; keys: string[] }>();
  for (const key of keys) {
    const kind = kindOfKey(key);
    if (kind === 'unknown') continue;
    const { table, column } = KEY_TABLES[kind];
    const entry = byTable.get(table) ?? { column, keys: [] };
    entry.keys.push(key);
    byTable.set(table, entry);
  }
  const labels = new Map<string, { table: string; label: string | null }>();
  for (const [table, { column, keys: ks }] of byTable) {
    const label = LABELS[table] ? `CAST(${ident(LABELS[table])} AS VARCHAR)` : 'NULL';
    const rows = await store.all<{ k: string; label: string | null }>(
      `SELECT ${ident(column)} AS k, ${label} AS label FROM ${ident(table)} WHERE ${store.dialect.inList(ident(column), '$1')}`, [ks]);
    for (const r of rows) labels.set(r.k, { table, label: r.label });
  }
  return keys.map((key) => {
    const l = labels.get(key);
    return { key, kind: kindOfKey(key), table: l?.table ?? null, label: l?.label ?? null, depth: depthOf.get(key) ?? 0, found: Boolean(l) };
  });
}

export async function walkTree(store: Store, root: string, opts: { depth: number; maxNodes: number }): Promise<Tree> {
  const edgeSql = loadSql(import.meta.url, 'tree-edges.sql');
  const depthOf = new Map<string, number>([[root, 0]]);
  const edges = new Map<string, TreeEdge>();
  let frontier = [root];
  let truncated = false;
  for (let d = 1; d <= opts.depth && frontier.length > 0; d++) {
    const found = await store.all<TreeEdge>(edgeSql, [frontier, opts.maxNodes * 4 + 1]);
    if (found.length > opts.maxNodes * 4) truncated = true;
    const next: string[] = [];
    for (const e of found) {
      edges.set(`${e.src_key}\u0000${e.dst_key}\u0000${e.rule}`, e);
      for (const k of [e.src_key, e.dst_key]) {
        if (depthOf.has(k)) continue;
        if (depthOf.size >= opts.maxNodes) {
          truncated = true;
          continue;
        }
        depthOf.set(k, d);
        next.push(k);
      }
    }
    frontier = next;
  }
  const kept = [...edges.values()].filter((e) => depthOf.has(e.src_key) && depthOf.has(e.dst_key));
  return { root, depth: opts.depth, nodes: await describeNodes(store, [...depthOf.keys()], depthOf), edges: kept, truncated };
}
