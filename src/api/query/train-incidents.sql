-- The train page: incidents that started between $1 and $2 (the train's first roll-forward
-- and a week after its last event), with the tasks and changes their reports name; the
-- page keeps those that share a task with a rollback or a blocker, name a change the
-- train carried, or began while a rolled-back promotion was live.
SELECT incident_key, title, started_at, ended_at, url, tasks, changes
  FROM incidents
 WHERE started_at >= $1 AND started_at < $2
 ORDER BY started_at, incident_key
