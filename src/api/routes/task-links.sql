-- GET /api/tasks/:id, one public task's links in both directions ($1 = task_key), with
-- the change's subject and merge time when the changes table has them.
SELECT l.src_key, l.dst_key, l.rule, l.evidence, l.confidence, l.first_seen_at,
       c.subject AS change_subject, c.status AS change_status, c.merged_at AS change_merged_at
  FROM links l
  LEFT JOIN changes c ON c.change_key = CASE WHEN l.src_key = $1 THEN l.dst_key ELSE l.src_key END
 WHERE l.src_key = $1 OR l.dst_key = $1
 ORDER BY l.first_seen_at NULLS LAST, l.rule, l.src_key, l.dst_key
