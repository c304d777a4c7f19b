// `shiplog import dataset <file> --name <name>` and POST /api/datasets: a user's file (CSV,
// JSON lines, Parquet) becomes, or is appended to, the table dataset_<name>. Raw first: the
// file is archived in raw_records as received (source `dataset`; Parquet as base64), and a
// file already imported under that name is not appended twice. DuckDB's own readers infer
// the types (src/store/dataset/read-file.ts); bad rows become rejects (source `dataset`)
// and the rest is stored; the register `datasets` says what each table holds. DuckDB only.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ShiplogError } from '../../lib/errors.ts';
import { sha256, shortHash } from '../../lib/hash.ts';
import { ident, loadSql } from '../../lib/sql.ts';
import { formatOf, readDatasetFile, type DatasetColumn, type DatasetFormat, type FileReject } from '../../store/dataset/read-file.ts';
import type { Store } from '../../store/index.ts';
import { rawIdOf } from '../raw.ts';

export const MAX_DATASET_BYTES = 64 * 1024 * 1024;
const NAME = /^[a-z][a-z0-9_]{0,40}$/;
const BATCH = 400;

export interface DatasetSummary {
  name: string;
  table: string;
  file: string;
  format: DatasetFormat;
  raw_id: string;
  /** True when this exact file was imported under this name before: nothing appended. */
  already_imported: boolean;
  created: boolean;
  columns: DatasetColumn[];
  added_columns: string[];
  rows_appended: number;
  rows_total: number;
  rejected: number;
  /** The first rejects (all are in the rejects table). */
  rejects: FileReject[];
}

/** Splits JSON lines: objects go on (with their line numbers), anything else is a reject. */
export function splitJsonLines(text: string): { lines: string[]; lineOf: number[]; rejects: FileReject[] } {
  const lines: string[] = [];
  const lineOf: number[] = [];
  const rejects: FileReject[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const v: unknown = JSON.parse(line);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) rejects.push({ where: `line ${i + 1}`, reason: 'not a JSON object' });
      else {
        lines.push(line);
        lineOf.push(i + 1);
      }
    } catch (err) {
      rejects.push({ where: `line ${i + 1}`, reason: `not JSON: ${(err as Error).message.split('\n')[0]}` });
    }
  });
  return { lines, lineOf, rejects };
}

async function isDuckDb(store: Store): Promise<boolean> {
  try {
    await store.all(loadSql(import.meta.url, 'engine-probe.sql'));
    return true;
  } catch {
    return false;
  }
}

const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => values[k]);

/** Imports `path` (its name as the user gave it: `filename`) into dataset_<name>. */
export async function importDataset(deps: { store: Store; clock: () => Date }, path: string, name: string, filename = basename(path)): Promise<DatasetSummary> {
  const { store } = deps;
  if (!NAME.test(name)) throw new ShiplogError('bad_request', `import dataset: --name "${name}": lower-case letters, digits and _, starting with a letter (at most 41)`);
  const format = formatOf(filename);
  const size = statSync(path).size;
  if (size > MAX_DATASET_BYTES) throw new ShiplogError('payload_too_large', `import dataset ${filename}: ${size} bytes, more than ${MAX_DATASET_BYTES}`);
  if (!(await isDuckDb(store))) throw new ShiplogError('bad_request', 'import dataset: datasets are read with DuckDB\'s file readers and need the DuckDB engine');
  const table = `dataset_${name}`;
  const bytes = readFileSync(path);
  const payload = format === 'parquet' ? bytes.toString('base64') : bytes.toString('utf8');
  const hash = sha256(payload);
  const key = `${name}/${hash.slice(0, 16)}`;
  const rawId = rawIdOf('dataset', format === 'parquet' ? 'file-base64' : 'file', key, hash);
  const now = deps.clock();

  // Read before the transaction: the reader is a separate instance and may take a while.
  const existing = await store.all<{ name: string; type: string }>(loadSql(import.meta.url, 'table-columns.sql'), [table]);
  const target = existing.length ? new Map(existing.filter((c) => c.name !== '_raw_id' && c.name !== '_row').map((c) => [c.name, c.type])) : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-dataset-'));
  let read: Awaited<ReturnType<typeof readDatasetFile>>;
  const early: FileReject[] = [];
  try {
    if (format === 'jsonl') {
      const split = splitJsonLines(bytes.toString('utf8'));
      early.push(...split.rejects);
      if (split.lines.length === 0) throw new ShiplogError('bad_request', `import dataset ${filename}: no JSON object on any line${split.rejects[0] ? ` (${split.rejects[0].where}: ${split.rejects[0].reason})` : ''}`);
      const good = join(dir, 'good.jsonl');
      writeFileSync(good, split.lines.join('\n'));
      read = await readDatasetFile(good, 'jsonl', target);
      read.rejects = read.rejects.map((r) => ({ ...r, where: r.where.replace(/^row (\d+)$/, (_m, n: string) => `line ${split.lineOf[Number(n) - 1]}`) }));
    } else {
      const copy = join(dir, `file.${format}`);
      writeFileSync(copy, bytes);
      read = await readDatasetFile(copy, format, target);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rejects = [...early, ...read.rejects];
  const own = read.columns.find((c) => c.name === '_raw_id' || c.name === '_row');
  if (own) throw new ShiplogError('bad_request', `import dataset ${filename}: the column name ${own.name} is shiplog's (_row numbers the rows, _raw_id names the file each came from)`);

  return store.transaction(async (tx) => {
    const stored = await tx.storeRaw([{ raw_id: rawId, source: 'dataset', scope: name, kind: format === 'parquet' ? 'file-base64' : 'file', key, fetched_at: now, url: filename, payload, content_hash: hash }]);
    const [reg] = await tx.all<{ files: number; rejected: number; created_at: Date }>('SELECT files, rejected, created_at FROM datasets WHERE name = $1', [name]);
    const summary: DatasetSummary = {
      name, table, file: filename, format, raw_id: rawId, already_imported: stored.fresh.length === 0 && Boolean(target),
      created: !target, columns: read.columns, added_columns: [], rows_appended: 0, rows_total: 0, rejected: 0, rejects: [],
    };
    if (!summary.already_imported) {
      if (!target) {
        await tx.run(fill(loadSql(import.meta.url, 'create.sql'), { table: ident(table), columns: read.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ') }));
      } else {
        for (const c of read.columns.filter((x) => !target.has(x.name))) {
          await tx.run(fill(loadSql(import.meta.url, 'add-column.sql'), { table: ident(table), column: ident(c.name), type: c.type }));
          summary.added_columns.push(c.name);
        }
      }
      const insert = loadSql(import.meta.url, 'insert.sql');
      const width = read.columns.length + 1;
      const [{ last }] = await tx.all<{ last: number }>(`SELECT coalesce(max(_row), 0) AS last FROM ${ident(table)}`);
      for (let i = 0; i < read.rows.length; i += BATCH) {
        const batch = read.rows.slice(i, i + BATCH).map((r, j) => [...r, String(Number(last) + i + j + 1)]);
        const values = batch.map((_r, j) => `(${batch[0].map((_c, k) => `$${j * width + k + 1}::VARCHAR`).join(', ')})`).join(', ');
        await tx.run(fill(insert, {
          table: ident(table), names: read.columns.map((c) => ident(c.name)).join(', '),
          casts: read.columns.map((c, k) => `CAST(v${k} AS ${c.type})`).join(', '), raw_id: `'${rawId}'`,
          values, aliases: read.columns.map((_c, k) => `v${k}`).join(', '),
        }), batch.flat());
      }
      summary.rows_appended = read.rows.length;
      summary.rejected = rejects.length;
      summary.rejects = rejects.slice(0, 20);
      if (rejects.length) {
        await tx.write('rejects', rejects.map((r) => ({
          reject_id: `${rawId}|${shortHash(`${r.where}|${r.reason}`)}`, source: 'dataset', scope: name, raw_id: rawId, kind: 'file', key,
          location: `${filename}:${r.where}`, reason: r.reason, rejected_at: now,
        })));
      }
    }
    const [{ n }] = await tx.all<{ n: number }>(`SELECT count(*) AS n FROM ${ident(table)}`);
    summary.rows_total = Number(n);
    const columns = await tx.all<{ name: string; type: string }>(loadSql(import.meta.url, 'table-columns.sql'), [table]);
    const inferred = new Map(read.columns.map((c) => [c.name, c.inferred]));
    await tx.write('datasets', [{
      name, table_name: table, row_count: summary.rows_total,
      columns: JSON.stringify(columns.filter((c) => c.name !== '_raw_id' && c.name !== '_row').map((c) => ({ name: c.name, type: c.type, inferred: inferred.get(c.name) ?? null }))),
      files: (reg?.files ?? 0) + (summary.already_imported ? 0 : 1), rejected: Number(reg?.rejected ?? 0) + summary.rejected,
      last_raw_id: rawId, last_file: filename, format, created_at: reg?.created_at ?? now, updated_at: now,
    }]);
    return summary;
  });
}

export interface DatasetInfo {
  name: string; table_name: string; columns: { name: string; type: string; inferred: string | null }[]; row_count: number; files: number;
  rejected: number; last_raw_id: string | null; last_file: string | null; format: string | null; created_at: Date; updated_at: Date;
}

/** The register, for status and GET /api/datasets (columns parsed). */
export async function listDatasets(store: Store): Promise<DatasetInfo[]> {
  const rows = await store.all<Omit<DatasetInfo, 'columns'> & { columns: string }>(loadSql(import.meta.url, 'register.sql'));
  return rows.map((r) => ({ ...r, row_count: Number(r.row_count), rejected: Number(r.rejected), columns: JSON.parse(r.columns) as DatasetInfo['columns'] }));
}
