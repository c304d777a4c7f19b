-- The train page: the blockers of a version ($1): the subtasks (links rule subtask) of its
-- release task (the lowest-numbered task whose release version is $1), and the task the
-- train's commits name (trains.blocker_task), each with its state.
WITH release AS (
  SELECT task_id FROM tasks
   WHERE release_version = $1 AND NOT restricted
   ORDER BY length(task_id), task_id
   LIMIT 1
), named AS (
  SELECT substr(l.src_key, 6) AS task_id, 'subtask of the release task' AS why
    FROM links l JOIN release r ON l.dst_key = concat('task:', r.task_id)
   WHERE l.rule = 'subtask'
  UNION ALL
  SELECT task_id, 'release task' FROM release
  UNION ALL
  SELECT blocker_task, 'named by the train commits (Bug:)' FROM trains WHERE version = $1 AND blocker_task IS NOT NULL
)
SELECT n.task_id AS task_id, n.why AS why, t.title AS title, t.status AS status, t.priority_name AS priority_name,
       t.owner AS owner, t.created_at AS created_at, t.closed_at AS closed_at, t.restricted AS restricted
  FROM named n LEFT JOIN tasks t ON t.task_id = n.task_id
 ORDER BY n.why, n.task_id
