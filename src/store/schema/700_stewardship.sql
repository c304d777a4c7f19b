-- Stewardship (issue 14): per-commit activity of extension and skin repositories, dated
-- standards targets, the reconciled lifecycle status and the mediawiki.org stewards.
-- repo_facts itself was reshaped in 600_catalogue.sql. Declared in
-- src/model/catalogue/stewardship.ts; src/store/catalogue.test.ts checks the two agree.

CREATE TABLE repo_activity (
  activity_key       VARCHAR NOT NULL,   -- <repo>@<sha>
  repo               VARCHAR NOT NULL,
  sha                VARCHAR NOT NULL,
  committed_at       TIMESTAMP NOT NULL,
  authored_at        TIMESTAMP,
  author_name        VARCHAR,
  author_email       VARCHAR,
  committer_name     VARCHAR,
  is_merge           BOOLEAN,
  human              BOOLEAN NOT NULL,
  bot                VARCHAR,
  subject            VARCHAR,
  touches_standards  BOOLEAN,
  definition_version INTEGER,
  raw_id             VARCHAR
);

CREATE TABLE standards_targets (
  target_key         VARCHAR NOT NULL PRIMARY KEY,
  source             VARCHAR NOT NULL,
  branch             VARCHAR NOT NULL,
  fact               VARCHAR NOT NULL,
  truth              VARCHAR NOT NULL,
  rule               VARCHAR NOT NULL,
  target             VARCHAR,
  since_at           TIMESTAMP NOT NULL,
  since_commit       VARCHAR,
  until_at           TIMESTAMP,
  skip               VARCHAR[],
  note               VARCHAR,
  definition_version INTEGER,
  raw_id             VARCHAR
);

CREATE TABLE repo_lifecycle (
  repo                 VARCHAR NOT NULL PRIMARY KEY,
  status               VARCHAR NOT NULL,
  reason               VARCHAR,
  maturity             VARCHAR,
  deployed             BOOLEAN,
  archived             BOOLEAN,
  disagree             BOOLEAN NOT NULL,
  disagreements        VARCHAR[],
  last_human_commit_at TIMESTAMP,
  last_bot_commit_at   TIMESTAMP,
  archived_at          TIMESTAMP,
  as_of                TIMESTAMP,
  definition_version   INTEGER,
  raw_id               VARCHAR
);

CREATE TABLE stewards (
  steward_key   VARCHAR NOT NULL PRIMARY KEY,
  page          VARCHAR NOT NULL,
  section       VARCHAR,
  component     VARCHAR NOT NULL,
  repo          VARCHAR,
  description   VARCHAR,
  steward_team  VARCHAR,
  maintainers   VARCHAR[],
  consulted     VARCHAR,
  informed      VARCHAR,
  since_at      TIMESTAMP,
  raw_id        VARCHAR
);

