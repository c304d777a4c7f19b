-- repair-from.sql on ClickHouse: startsWith, the kinds as an inlined list.
SELECT min(e.logged_at) AS first_new
  FROM log_entries e
  JOIN raw_records r ON r.raw_id = e.raw_id
 WHERE r.source = 'sal' AND r.seq > $1 AND startsWith(e.entry_key, 'sal:') AND e.kind IN (SELECT unnest($2))
