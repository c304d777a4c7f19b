-- The public schema: every entity table of DESIGN.md. Users query these names.
-- No PRIMARY KEY constraints: uniqueness per key is kept by the store's upsert
-- (src/store/tables.ts names each table's key columns), which avoids DuckDB's
-- over-eager index checks on delete+insert inside one transaction.
-- Times are UTC TIMESTAMP. Every entity row points back to its raw record (raw_id).

CREATE TABLE raw_records (
  raw_id        VARCHAR NOT NULL,   -- <source>:<kind>:<key>#<content hash prefix>
  source        VARCHAR NOT NULL,
  scope         VARCHAR NOT NULL,
  kind          VARCHAR NOT NULL,
  key           VARCHAR NOT NULL,
  fetched_at    TIMESTAMP NOT NULL,
  url           VARCHAR,
  payload       VARCHAR NOT NULL,
  content_hash  VARCHAR NOT NULL,
  seq           BIGINT NOT NULL     -- arrival order, so renormalize replays in the same order
);

CREATE TABLE rejects (
  reject_id   VARCHAR NOT NULL,     -- <raw_id>|<reason hash>
  source      VARCHAR NOT NULL,
  scope       VARCHAR,
  raw_id      VARCHAR,
  kind        VARCHAR,
  key         VARCHAR,
  location    VARCHAR,              -- file:line, URL or key that names where the bad input is
  reason      VARCHAR NOT NULL,
  rejected_at TIMESTAMP NOT NULL
);

CREATE TABLE sync_state (
  source          VARCHAR NOT NULL,
  scope           VARCHAR NOT NULL,
  cursor          VARCHAR,
  last_run_at     TIMESTAMP,
  last_success_at TIMESTAMP,
  last_error      VARCHAR,
  items_total     BIGINT
);

CREATE TABLE people (
  person_key    VARCHAR NOT NULL,   -- person:<id>
  display_name  VARCHAR,
  raw_id        VARCHAR
);

CREATE TABLE identities (
  identity_key  VARCHAR NOT NULL,   -- <system>:<account id or email>
  system        VARCHAR NOT NULL,   -- git, gerrit, phabricator, irc, jenkins
  account       VARCHAR NOT NULL,
  name          VARCHAR,
  email         VARCHAR,
  username      VARCHAR,
  person_key    VARCHAR,
  raw_id        VARCHAR
);

CREATE TABLE repos (
  repo_key      VARCHAR NOT NULL,   -- repo:<name>
  name          VARCHAR NOT NULL,   -- e.g. mediawiki/extensions/Math
  kind          VARCHAR,            -- core, extension, skin, config, service, other
  status        VARCHAR,
  deployed      BOOLEAN,
  archived      BOOLEAN,
  default_branch VARCHAR,
  raw_id        VARCHAR
);

CREATE TABLE commits (
  commit_key      VARCHAR NOT NULL, -- commit:<repo>:<sha>
  repo            VARCHAR NOT NULL,
  sha             VARCHAR NOT NULL,
  parents         VARCHAR[],
  is_merge        BOOLEAN,
  first_parent    BOOLEAN,          -- on the first-parent line of the default branch
  author_name     VARCHAR,
  author_email    VARCHAR,
  authored_at     TIMESTAMP,
  committer_name  VARCHAR,
  committer_email VARCHAR,
  committed_at    TIMESTAMP,
  subject         VARCHAR,
  message         VARCHAR,
  files           VARCHAR[],
  change_id       VARCHAR,
  bug_tasks       VARCHAR[],        -- T123 from Bug: footers
  bug_legacy      VARCHAR[],        -- numeric Bugzilla ids from Bug: footers
  depends_on      VARCHAR[],
  reverts_sha     VARCHAR,
  raw_id          VARCHAR
);

CREATE TABLE changes (
  change_key    VARCHAR NOT NULL,   -- change:<host>:<number>
  host          VARCHAR NOT NULL,
  number        BIGINT NOT NULL,
  change_id     VARCHAR,
  project       VARCHAR,
  branch        VARCHAR,
  subject       VARCHAR,
  topic         VARCHAR,
  owner         VARCHAR,            -- identity_key of the owner
  owner_name    VARCHAR,
  status        VARCHAR,            -- open, merged, abandoned
  original_status VARCHAR,
  created_at    TIMESTAMP,
  updated_at    TIMESTAMP,
  merged_at     TIMESTAMP,
  abandoned_at  TIMESTAMP,
  patchset_count INTEGER,
  current_sha   VARCHAR,
  bug_tasks     VARCHAR[],
  depends_on    VARCHAR[],
  raw_id        VARCHAR
);

CREATE TABLE patchsets (
  patchset_key  VARCHAR NOT NULL,   -- <change_key>/<n>
  change_key    VARCHAR NOT NULL,
  number        INTEGER NOT NULL,
  sha           VARCHAR,
  uploader      VARCHAR,
  kind          VARCHAR,
  created_at    TIMESTAMP,
  raw_id        VARCHAR
);

CREATE TABLE votes (
  vote_key      VARCHAR NOT NULL,   -- <change_key>/<ps>/<label>/<voter>/<at>
  change_key    VARCHAR NOT NULL,
  patchset      INTEGER,
  label         VARCHAR NOT NULL,
  value         INTEGER,            -- NULL when the vote was removed
  removed       BOOLEAN,
  voter         VARCHAR,
  voted_at      TIMESTAMP,
  raw_id        VARCHAR
);

CREATE TABLE change_messages (
  message_key   VARCHAR NOT NULL,   -- <change_key>/<message id or commit sha>
  change_key    VARCHAR NOT NULL,
  patchset      INTEGER,
  author        VARCHAR,
  posted_at     TIMESTAMP,
  tag           VARCHAR,
  message       VARCHAR,
  raw_id        VARCHAR
);

CREATE TABLE tasks (
  task_key      VARCHAR NOT NULL,   -- task:T123
  task_id       VARCHAR NOT NULL,   -- T123
  title         VARCHAR,
  status        VARCHAR,
  status_class  VARCHAR,            -- open, closed
  subtype       VARCHAR,
  priority_value INTEGER,
  priority_name VARCHAR,
  created_at    TIMESTAMP,
  modified_at   TIMESTAMP,
  closed_at     TIMESTAMP,
  author        VARCHAR,
  owner         VARCHAR,
  projects      VARCHAR[],
  restricted    BOOLEAN NOT NULL DEFAULT false,
  release_version VARCHAR,
  release_date  VARCHAR,
  raw_id        VARCHAR
);

CREATE TABLE task_events (
  event_key     VARCHAR NOT NULL,   -- <task_key>/<transaction id>
  task_key      VARCHAR NOT NULL,
  kind          VARCHAR,            -- status, owner, priority, subtype, projects, mergedinto, comment, create…
  occurred_at   TIMESTAMP,
  author        VARCHAR,
  old_value     VARCHAR,
  new_value     VARCHAR,
  comment       VARCHAR,
  raw_id        VARCHAR
);

CREATE TABLE ci_builds (
  build_key     VARCHAR NOT NULL,   -- build:<system>:<id>
  system        VARCHAR NOT NULL,   -- zuul, jenkins, junit
  pipeline      VARCHAR,
  job           VARCHAR,
  build_number  BIGINT,
  url           VARCHAR,
  result        VARCHAR,            -- success, failure, unstable, aborted, lost, …
  original_result VARCHAR,
  voting        BOOLEAN,
  duration_s    DOUBLE,
  started_at    TIMESTAMP,
  reported_at   TIMESTAMP,
  node          VARCHAR,
  repo          VARCHAR,
  change_key    VARCHAR,
  patchset      INTEGER,
  zuul_uuid     VARCHAR,
  raw_id        VARCHAR
);

-- result_key is unique a row and long: DuckDB's dictionary and FSST kept ~35 of the table's
-- ~52 bytes a result on it; with ZSTD it took 5.6 and the table 27.9 at the Wikimedia year's
-- 98.9M results. A store made before ZSTD was named here, or by a DuckDB file format older than
-- v1.2, keeps the old encoding (docs/scale.md).
CREATE TABLE test_results (
  result_key    VARCHAR NOT NULL USING COMPRESSION zstd, -- <build_key>/<suite>/<class>/<name>#<n>
  build_key     VARCHAR NOT NULL,
  repo          VARCHAR,
  suite         VARCHAR,
  class         VARCHAR,
  name          VARCHAR NOT NULL,
  file          VARCHAR,
  status        VARCHAR NOT NULL,   -- pass, fail, error, skip
  duration_ms   DOUBLE,
  message       VARCHAR,
  run_at        TIMESTAMP,
  raw_id        VARCHAR
);

CREATE TABLE deployments (
  deploy_key    VARCHAR NOT NULL,   -- deploy:<source>:<id>
  kind          VARCHAR NOT NULL,   -- sync-file, sync-world, backport, train-promote, config-merge, scap3-deploy, …
  started_at    TIMESTAMP,
  finished_at   TIMESTAMP,
  duration_s    DOUBLE,
  deployer      VARCHAR,
  host          VARCHAR,
  message       VARCHAR,
  outcome       VARCHAR,            -- ok, failed, aborted, unfinished
  staged        BOOLEAN,
  forced        BOOLEAN,
  window_key    VARCHAR,
  repo          VARCHAR,
  raw_id        VARCHAR
);

CREATE TABLE deployment_items (
  item_key      VARCHAR NOT NULL,   -- <deploy_key>/<n>
  deploy_key    VARCHAR NOT NULL,
  change_number BIGINT,
  change_key    VARCHAR,
  task_id       VARCHAR,
  path          VARCHAR,
  version       VARCHAR,
  wiki_group    VARCHAR,
  raw_id        VARCHAR
);

CREATE TABLE windows (
  window_key    VARCHAR NOT NULL,   -- window:<id>
  name          VARCHAR,
  kind          VARCHAR,            -- backport, swat, train, other
  planned_start TIMESTAMP,
  planned_end   TIMESTAMP,
  opened_at     TIMESTAMP,
  closed_at     TIMESTAMP,
  deployers     VARCHAR[],
  max_patches   INTEGER,
  requested_changes BIGINT[],
  source        VARCHAR,            -- calendar, workflow, sal
  raw_id        VARCHAR
);

CREATE TABLE trains (
  train_key     VARCHAR NOT NULL,   -- train:<version>
  version       VARCHAR NOT NULL,
  first_rollforward_at TIMESTAMP,
  last_rollforward_at  TIMESTAMP,
  total_time_s  DOUBLE,
  rollbacks     INTEGER,
  rollbacks_time_s DOUBLE,
  group0_at     TIMESTAMP,
  group1_at     TIMESTAMP,
  group2_at     TIMESTAMP,
  group0_delay_days INTEGER,
  group1_delay_days INTEGER,
  group2_delay_days INTEGER,
  total_delay_days  INTEGER,
  reached_group2 BOOLEAN,
  blocker_task  VARCHAR,
  raw_id        VARCHAR
);

CREATE TABLE train_events (
  event_key     VARCHAR NOT NULL,   -- <train_key>/<commit sha>/<group>
  train_key     VARCHAR NOT NULL,
  version       VARCHAR NOT NULL,
  wiki_group    VARCHAR NOT NULL,
  kind          VARCHAR NOT NULL,   -- rollforward, rollback
  occurred_at   TIMESTAMP NOT NULL,
  commit_key    VARCHAR,
  from_version  VARCHAR,
  wikis_moved   INTEGER,
  raw_id        VARCHAR
);

CREATE TABLE incidents (
  incident_key  VARCHAR NOT NULL,   -- incident:<id>
  title         VARCHAR,
  started_at    TIMESTAMP,
  detected_at   TIMESTAMP,
  ended_at      TIMESTAMP,
  summary       VARCHAR,
  detection     VARCHAR,
  url           VARCHAR,
  tasks         VARCHAR[],
  changes       BIGINT[],
  raw_id        VARCHAR
);

CREATE TABLE repo_facts (
  fact_key      VARCHAR NOT NULL,   -- <repo_key>/<fact>/<at>
  repo          VARCHAR NOT NULL,
  fact          VARCHAR NOT NULL,
  value         VARCHAR,
  observed_at   TIMESTAMP,
  raw_id        VARCHAR
);

CREATE TABLE links (
  src_key       VARCHAR NOT NULL,
  dst_key       VARCHAR NOT NULL,
  rule          VARCHAR NOT NULL,
  evidence      VARCHAR,
  confidence    VARCHAR NOT NULL,   -- high, medium, low
  first_seen_at TIMESTAMP,
  raw_id        VARCHAR
);

CREATE TABLE log_entries (
  entry_key     VARCHAR NOT NULL,   -- sal:<id>
  logged_at     TIMESTAMP NOT NULL,
  nick          VARCHAR,
  user_name     VARCHAR,
  host          VARCHAR,
  project       VARCHAR,
  channel       VARCHAR,
  message       VARCHAR,
  kind          VARCHAR,            -- the scap form recognised, or 'other'
  raw_id        VARCHAR
);
