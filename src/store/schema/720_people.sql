-- People (issue 15): how accounts were joined into people (people_merges, rebuilt by the
-- people derive step), the manual decisions and people.yaml mappings that override the
-- rules (people_decisions, kept across renormalize), and per person its account count,
-- systems and bot verdict. Declared in src/model/catalogue/people.ts.

ALTER TABLE people ADD COLUMN accounts INTEGER;
ALTER TABLE people ADD COLUMN systems VARCHAR[];
ALTER TABLE people ADD COLUMN bot VARCHAR;
ALTER TABLE people ADD COLUMN bot_list_version INTEGER;

CREATE TABLE people_merges (
  merge_key      VARCHAR NOT NULL PRIMARY KEY,
  rule           VARCHAR NOT NULL,
  status         VARCHAR NOT NULL,
  person_key     VARCHAR,
  identity_keys  VARCHAR[],
  people_keys    VARCHAR[],
  evidence       VARCHAR,
  decision_id    VARCHAR
);

CREATE TABLE people_decisions (
  decision_id    VARCHAR NOT NULL PRIMARY KEY,
  action         VARCHAR NOT NULL,
  identity_keys  VARCHAR[] NOT NULL,
  person_id      VARCHAR,
  display_name   VARCHAR,
  note           VARCHAR,
  decided_at     TIMESTAMP NOT NULL,
  undone_at      TIMESTAMP
);
