-- Rollups (src/rollups): tables derived from the entity tables and rebuilt after the sync of a
-- source they depend on, so dashboards read a few thousand rows instead of millions. A rollup
-- is used only while its watermark (the derive_state of the sources it reads, and for
-- time-relative ones the "as of") still matches; otherwise readers compute from the base tables.
CREATE TABLE rollup_state (
  name          VARCHAR NOT NULL,   -- the rollup, e.g. test_health
  watermark     VARCHAR,            -- <source>=<raw seq>,… of the sources it reads, when built
  as_of         TIMESTAMP,          -- the "as of" it was computed for, when time-relative
  row_count     BIGINT,
  refreshed_at  TIMESTAMP,
  duration_ms   DOUBLE
);
