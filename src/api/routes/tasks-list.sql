-- GET /api/tasks: tasks newest first with the names of their author and owner.
-- $1/$2 created_at window, $3 project name, $4 status_class, $5 subtype, $6 limit,
-- $7 one task_key (GET /api/tasks/:id).
-- A restricted task has nothing but its id stored; it comes out as such.
SELECT t.task_id, t.task_key, t.title, t.status, t.status_class, t.subtype, t.priority_value, t.priority_name,
       t.created_at, t.modified_at, t.closed_at, t.projects, t.release_version, t.restricted,
       t.author, a.username AS author_username, t.owner, o.username AS owner_username
  FROM tasks t
  LEFT JOIN identities a ON a.identity_key = t.author
  LEFT JOIN identities o ON o.identity_key = t.owner
 WHERE ($1::TIMESTAMP IS NULL OR t.created_at >= $1::TIMESTAMP)
   AND ($2::TIMESTAMP IS NULL OR t.created_at < $2::TIMESTAMP)
   AND ($3::VARCHAR IS NULL OR list_contains(t.projects, $3::VARCHAR))
   AND ($4::VARCHAR IS NULL OR t.status_class = $4::VARCHAR)
   AND ($5::VARCHAR IS NULL OR t.subtype = $5::VARCHAR)
   AND ($7::VARCHAR IS NULL OR t.task_key = $7::VARCHAR)
 ORDER BY t.created_at DESC NULLS LAST, CAST(substr(t.task_id, 2) AS BIGINT) DESC
 LIMIT $6
