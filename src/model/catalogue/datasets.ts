// User datasets: files a person brought (CSV, JSON lines, Parquet) that `shiplog import
// dataset` turned into tables named dataset_<name>. Those tables are the user's, shaped by
// their files, so the catalogue declares only this register of them: which table, its
// columns with the types inferred, rows, rejects and the archived files it came from.
import { col, defineTable, req } from './define.ts';

export const datasets = defineTable({
  name: 'datasets',
  doc: 'one row per user dataset (table dataset_<name>): inferred columns, rows, rejects, files',
  mode: 'upsert',
  key: ['name'],
  writers: ['dataset'],
  internal: true, // bookkeeping of user tables: renormalize keeps it (nothing in raw_records rebuilds it)
  columns: {
    name: req('text', 'the name given with --name'),
    table_name: req('text', 'dataset_<name>'),
    columns: req('text', 'JSON: [{name, type, inferred}] — the stored type and the type the reader inferred'),
    row_count: req('bigint', 'rows in the table now'),
    files: req('int', 'files appended so far'),
    rejected: req('bigint', 'rows refused so far (each in rejects, source dataset)'),
    last_raw_id: col('text', 'raw_records id of the last file appended (the file as received)'),
    last_file: col('text', 'its file name'),
    format: col('text', 'csv, jsonl or parquet (of the last file)'),
    created_at: req('timestamp'),
    updated_at: req('timestamp'),
  },
});
