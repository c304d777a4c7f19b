-- GET /api/tasks/:id, one public task's history ($1 = task_key): its events with author
-- names, oldest first.
SELECT e.kind, e.occurred_at, e.author, i.username AS author_username, e.old_value, e.new_value, e.comment
  FROM task_events e LEFT JOIN identities i ON i.identity_key = e.author
 WHERE e.task_key = $1
 ORDER BY e.occurred_at, e.event_key
