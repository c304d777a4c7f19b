-- ClickHouse version of tasks-list.sql (same parameters, columns and order).
SELECT t.task_id AS task_id, t.task_key AS task_key, t.title AS title, t.status AS status, t.status_class AS status_class,
       t.subtype AS subtype, t.priority_value AS priority_value, t.priority_name AS priority_name,
       t.created_at AS created_at, t.modified_at AS modified_at, t.closed_at AS closed_at, t.projects AS projects,
       t.release_version AS release_version, t.restricted AS restricted,
       t.author AS author, a.username AS author_username, t.owner AS owner, o.username AS owner_username
  FROM tasks t
  LEFT JOIN identities a ON a.identity_key = t.author
  LEFT JOIN identities o ON o.identity_key = t.owner
 WHERE ($1 IS NULL OR t.created_at >= $1)
   AND ($2 IS NULL OR t.created_at < $2)
   AND ($3 IS NULL OR has(t.projects, $3))
   AND ($4 IS NULL OR t.status_class = $4)
   AND ($5 IS NULL OR t.subtype = $5)
   AND ($7 IS NULL OR t.task_key = $7)
 ORDER BY t.created_at DESC NULLS LAST, toInt64OrNull(substr(t.task_id, 2)) DESC
 LIMIT $6
