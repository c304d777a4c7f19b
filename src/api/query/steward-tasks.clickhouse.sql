-- ClickHouse version of steward-tasks.sql (same parameter, columns and order).
SELECT task_key, title, subtype, priority_name, status, created_at, owner FROM tasks
 WHERE NOT restricted AND status_class = 'open'
   AND has(arrayMap(x -> lower(replaceAll(x, '_', '-')), projects), lower(replaceAll($1, '_', '-')))
 ORDER BY created_at DESC LIMIT 50
