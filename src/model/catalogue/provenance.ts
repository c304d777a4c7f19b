// Provenance and pipeline bookkeeping: every fetched item (raw_records), the latest
// version of each item (raw_heads), bad input (rejects), cursors (sync_state) and the
// watermarks of derive steps and rollups. Written by the pipeline itself, never by a
// normalizer, and kept by renormalize.
import { col, defineTable, req } from './define.ts';

export const rawRecords = defineTable({
  name: 'raw_records',
  doc: 'every fetched item, unchanged, stored once per content',
  mode: 'append',
  key: ['raw_id'],
  writers: ['pipeline'],
  internal: true,
  columns: {
    raw_id: req('text', '<source>:<kind>:<key>#<content hash prefix>'),
    source: req('text'),
    scope: req('text'),
    kind: req('text', "what the payload is: 'commit', 'change-meta', 'sal-entry', …"),
    key: req('text', 'stable id of the item within source + kind'),
    fetched_at: req('timestamp'),
    url: col('text', 'file path (with :line when useful) or URL it came from'),
    payload: req('text', 'the item exactly as received'),
    content_hash: req('text'),
    seq: req('bigint', 'arrival order, so renormalize replays in the same order'),
  },
});

export const rawHeads = defineTable({
  name: 'raw_heads',
  doc: 'the newest stored version of each item (source, kind, key): what the tables hold',
  mode: 'upsert',
  key: ['head_key'],
  writers: ['pipeline'],
  internal: true,
  columns: {
    head_key: req('text', '<source>:<kind>:<key> (the raw_id without its content hash)'),
    raw_id: req('text', 'the version whose rows the tables hold'),
    previous: col('text', 'the version it replaced, if any'),
  },
});

export const rejects = defineTable({
  name: 'rejects',
  doc: 'input that could not be read, with the reason and where it is',
  mode: 'upsert',
  key: ['reject_id'],
  writers: ['pipeline'],
  columns: {
    reject_id: req('text', '<raw_id>|<reason hash>'),
    source: req('text'),
    scope: col('text'),
    raw_id: col('text'),
    kind: col('text'),
    key: col('text'),
    location: col('text', 'file:line, URL or key that names where the bad input is'),
    reason: req('text'),
    rejected_at: req('timestamp'),
  },
});

export const syncState = defineTable({
  name: 'sync_state',
  doc: 'cursor and health per source scope',
  mode: 'upsert',
  key: ['source', 'scope'],
  writers: ['pipeline'],
  internal: true,
  columns: {
    source: req('text'),
    scope: req('text'),
    cursor: col('text'),
    last_run_at: col('timestamp'),
    last_success_at: col('timestamp'),
    last_error: col('text'),
    items_total: col('bigint', 'raw records stored so far (every committed batch raises it)'),
  },
});

export const deriveState = defineTable({
  name: 'derive_state',
  doc: 'which raw records each derive step has seen',
  mode: 'upsert',
  key: ['source'],
  writers: ['pipeline'],
  internal: true,
  columns: {
    source: req('text', 'the derive step (or, before steps, the source) this watermark belongs to'),
    raw_seq: req('bigint', 'max(raw_records.seq) it covered when it last ran'),
    derived_at: req('timestamp'),
  },
});

export const rollupState = defineTable({
  name: 'rollup_state',
  doc: 'when each rollup was rebuilt and from which data',
  mode: 'upsert',
  key: ['name'],
  writers: ['pipeline'],
  internal: true,
  columns: {
    name: req('text', 'the rollup, e.g. test_health'),
    watermark: col('text', 'the data watermark of the inputs it read when built'),
    as_of: col('timestamp', 'the "as of" it was computed for, when time-relative'),
    row_count: col('bigint'),
    refreshed_at: col('timestamp'),
    duration_ms: col('double'),
  },
});

export const rawSeqState = defineTable({
  name: 'raw_seq_state',
  doc: 'the last raw_records.seq handed out (one row)',
  mode: 'upsert',
  key: ['id'],
  writers: ['pipeline'],
  internal: true,
  columns: {
    id: req('int', 'always 1'),
    seq: req('bigint'),
  },
});

export const tableVersions = defineTable({
  name: 'table_versions',
  doc: 'a counter per table (and per source\'s raw records), raised by every write that changed rows: what the derive layer compares to know which steps must run',
  mode: 'upsert',
  key: ['table_name'],
  writers: ['pipeline'],
  internal: true,
  columns: {
    table_name: req('text', "a catalogue table, or raw:<source> for the raw records of one source"),
    version: req('bigint'),
    changed_at: col('timestamp'),
  },
});

export const stepState = defineTable({
  name: 'step_state',
  doc: 'the table versions each derive step saw when it last ran (src/derive)',
  mode: 'upsert',
  key: ['step'],
  writers: ['pipeline'],
  internal: true,
  columns: {
    step: req('text'),
    seen: req('text', 'JSON: {table: version} of the tables it reads, as of its last run'),
    ran_at: col('timestamp'),
    duration_ms: col('double'),
    rows_changed: col('bigint', 'rows it changed in its last run'),
  },
});
