-- Per source, the last successful collection (sync or import) of any of its scopes.
SELECT source, max(last_success_at) AS last_success_at
  FROM sync_state
 GROUP BY source
 ORDER BY source
