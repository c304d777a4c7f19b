-- CI and test history (issue 6): the parts of a JUnit testcase the core columns do not hold,
-- and Zuul v2 status.json queue items (one row per item enqueue, updated by later snapshots).
ALTER TABLE test_results ADD COLUMN line INTEGER;            -- testcase line= (PHPUnit)
ALTER TABLE test_results ADD COLUMN data_set VARCHAR;        -- PHPUnit data-provider set: #3 or "name"
ALTER TABLE test_results ADD COLUMN original_status VARCHAR; -- failure/error/skipped/none, or Jenkins PASSED/FIXED/REGRESSION/…

CREATE TABLE zuul_queue_items (
  item_key        VARCHAR NOT NULL,   -- zuul:<host>/<pipeline>/<change,ps or ref>/<enqueue ms>
  host            VARCHAR,            -- the Zuul the snapshot came from
  pipeline        VARCHAR NOT NULL,
  queue           VARCHAR,
  item_id         VARCHAR,            -- "<change>,<patchset>" or a ref
  project         VARCHAR,
  change_key      VARCHAR,
  patchset        INTEGER,
  enqueued_at     TIMESTAMP NOT NULL,
  first_start_at  TIMESTAMP,          -- earliest start_time of its jobs seen so far
  wait_s          DOUBLE,             -- first_start_at - enqueued_at
  jobs_total      INTEGER,
  jobs_started    INTEGER,
  jobs_done       INTEGER,
  live            BOOLEAN,
  first_seen_at   TIMESTAMP,          -- snapshot times
  last_seen_at    TIMESTAMP,
  raw_id          VARCHAR
);
