-- ci_builds.report_key: the Gerrit message (Zuul report) a Zuul build row came from, so
-- report ci_usage counts wall time per pipeline run (one report = one run) rather than per
-- change + patch set + pipeline, which a recheck days later stretched. Filled by the next
-- Gerrit import or `shiplog renormalize gerrit-notedb`; the stored ci_usage rollup is rebuilt.
ALTER TABLE ci_builds ADD COLUMN report_key VARCHAR;
DELETE FROM rollup_state WHERE name LIKE '%ci_usage%';
