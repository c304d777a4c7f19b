-- The derive layer (src/derive): a version counter per table, raised by every write that
-- changed rows, and per step the versions of its inputs when it last ran. A step runs when
-- one of its inputs moved on, whichever source moved it: no derive is keyed by a source.
CREATE TABLE table_versions (
  table_name  VARCHAR NOT NULL PRIMARY KEY,  -- a catalogue table, or raw:<source>
  version     BIGINT NOT NULL,
  changed_at  TIMESTAMP
);

CREATE TABLE step_state (
  step          VARCHAR NOT NULL PRIMARY KEY,
  seen          VARCHAR NOT NULL,            -- JSON {table: version} of its inputs at its last run
  ran_at        TIMESTAMP,
  duration_ms   DOUBLE,
  rows_changed  BIGINT
);

-- A store from before the derive layer: every data table already holding rows starts at version 1
-- (the store's own bookkeeping is no step's input),
-- so each step runs once on the next derive.
INSERT INTO table_versions
SELECT table_name, 1, NULL FROM duckdb_tables()
WHERE schema_name = 'main' AND estimated_size > 0
  AND table_name NOT IN ('schema_version', 'raw_records', 'raw_heads', 'raw_seq_state', 'sync_state', 'derive_state', 'rollup_state');
INSERT INTO table_versions
SELECT 'raw:' || source, 1, NULL FROM (SELECT DISTINCT source FROM raw_records);
