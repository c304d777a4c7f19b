-- The table catalogue (src/model/catalogue) becomes the schema's contract:
-- * upsert tables get a PRIMARY KEY on their key columns, so an upsert probes only the
--   batch's keys through the index (INSERT … ON CONFLICT) instead of joining the table;
-- * append tables (raw_records, commits, test_results) keep no index: rows of
--   new raw records are appended without reading the table;
-- * raw_heads holds the newest version of every fetched item, so a re-fetched item whose
--   content changed replaces the rows of its previous version (and only then);
-- * raw_seq_state hands out raw_records.seq without scanning raw_records for its maximum;
-- * changes.submitter (who merged it) and identities.seen_at (time of the evidence, the
--   newest naming wins) are new columns; repo_facts becomes a time series of periods.
-- A test (src/store/catalogue.test.ts) checks the migrated schema against the catalogue.

CREATE TABLE raw_heads (
  head_key  VARCHAR NOT NULL PRIMARY KEY,  -- <source>:<kind>:<key>
  raw_id    VARCHAR NOT NULL,              -- the version the tables hold
  previous  VARCHAR                        -- the version it replaced
);
INSERT INTO raw_heads
SELECT left(raw_id, length(raw_id) - 17) AS head_key, arg_max(raw_id, seq), NULL
  FROM raw_records GROUP BY 1;

CREATE TABLE raw_seq_state (id INTEGER NOT NULL PRIMARY KEY, seq BIGINT NOT NULL);
INSERT INTO raw_seq_state SELECT 1, coalesce(max(seq), 0) FROM raw_records;

ALTER TABLE changes ADD COLUMN submitter VARCHAR;
ALTER TABLE identities ADD COLUMN seen_at TIMESTAMP;

DROP TABLE repo_facts;
CREATE TABLE repo_facts (
  repo               VARCHAR NOT NULL,
  fact               VARCHAR NOT NULL,
  value              VARCHAR,
  since_at           TIMESTAMP NOT NULL,
  since_commit       VARCHAR,
  until_at           TIMESTAMP,
  definition_version INTEGER,
  raw_id             VARCHAR,
  PRIMARY KEY (repo, fact, since_at)
);

ALTER TABLE rejects ADD PRIMARY KEY (reject_id);
ALTER TABLE sync_state ADD PRIMARY KEY (source, scope);
ALTER TABLE derive_state ADD PRIMARY KEY (source);
ALTER TABLE rollup_state ADD PRIMARY KEY (name);
ALTER TABLE people ADD PRIMARY KEY (person_key);
ALTER TABLE identities ADD PRIMARY KEY (identity_key);
ALTER TABLE repos ADD PRIMARY KEY (repo_key);
ALTER TABLE changes ADD PRIMARY KEY (change_key);
ALTER TABLE patchsets ADD PRIMARY KEY (patchset_key);
ALTER TABLE votes ADD PRIMARY KEY (vote_key);
ALTER TABLE change_messages ADD PRIMARY KEY (message_key);
ALTER TABLE tasks ADD PRIMARY KEY (task_key);
ALTER TABLE task_events ADD PRIMARY KEY (event_key);
ALTER TABLE phab_projects ADD PRIMARY KEY (project_phid);
ALTER TABLE ci_builds ADD PRIMARY KEY (build_key);
ALTER TABLE zuul_queue_items ADD PRIMARY KEY (item_key);
ALTER TABLE deployments ADD PRIMARY KEY (deploy_key);
ALTER TABLE deployment_items ADD PRIMARY KEY (item_key);
ALTER TABLE windows ADD PRIMARY KEY (window_key);
ALTER TABLE trains ADD PRIMARY KEY (train_key);
ALTER TABLE train_events ADD PRIMARY KEY (event_key);
ALTER TABLE incidents ADD PRIMARY KEY (incident_key);
ALTER TABLE log_entries ADD PRIMARY KEY (entry_key);
ALTER TABLE links ADD PRIMARY KEY (src_key, dst_key, rule);
