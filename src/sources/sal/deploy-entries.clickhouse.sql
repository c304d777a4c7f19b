-- deploy-entries.sql on ClickHouse: startsWith, a tuple comparison without DuckDB's casts.
SELECT entry_key, logged_at, user_name, host, message, raw_id
  FROM log_entries
 WHERE startsWith(entry_key, 'sal:') AND kind IN (SELECT unnest($1))
   AND (logged_at, entry_key) > ($2, $3)
 ORDER BY logged_at, entry_key
 LIMIT $4
