-- Incident timelines (issue 15): every dated line of a report's Timeline section, as
-- written, with what it marks (start, end, detection), so a report's times can be shown
-- with their evidence. Append-only: a re-fetched report replaces its previous lines.
-- Declared in src/model/catalogue/delivery.ts.
CREATE TABLE incident_timeline (
  line_key      VARCHAR NOT NULL,
  incident_key  VARCHAR NOT NULL,
  seq           INTEGER NOT NULL,
  occurred_at   TIMESTAMP NOT NULL,
  text          VARCHAR,
  line          VARCHAR,
  sal_id        VARCHAR,
  marks         VARCHAR,
  raw_id        VARCHAR
);
