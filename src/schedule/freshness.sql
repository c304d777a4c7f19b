-- Each source scope's last run and last success, for the freshness of the sources a
-- config syncs (src/schedule/freshness.ts picks the configured scopes).
SELECT source, scope, last_run_at, last_success_at, last_error
  FROM sync_state
 WHERE source IN (SELECT unnest($1::VARCHAR[]))
