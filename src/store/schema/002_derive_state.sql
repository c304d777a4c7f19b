-- Which raw records each source's derive step has already seen: a sync that stored no
-- new raw record and finds derive up to date skips derive (a re-run with nothing new
-- stays cheap), while a derive interrupted by a kill is redone on the next run.
CREATE TABLE derive_state (
  source      VARCHAR NOT NULL,
  raw_seq     BIGINT NOT NULL,      -- max(raw_records.seq) of the source when derive last ran
  derived_at  TIMESTAMP NOT NULL
);
