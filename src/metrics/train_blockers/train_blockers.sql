-- Train blockers per train version. The release task of a version is the (lowest-id)
-- task whose custom.release.version is that version; its blockers are its subtasks (links
-- rule 'subtask'). Each blocker is placed in the wiki group the train had last rolled
-- forward to when the blocker was filed (tasks.created_at, else the subtask link's
-- first_seen_at): before_rollout when nothing had rolled yet, unknown when the filing
-- time is not known (a restricted blocker). trains.blocker_task is shown next to the
-- release task (the git source derives it from Bug: footers; phabricator fills it when NULL).
-- $1/$2: window on the train start (first roll-forward, else the release date).
WITH release AS (
  SELECT release_version AS version, arg_min(task_id, CAST(substr(task_id, 2) AS BIGINT)) AS release_task,
         min(release_date) AS release_date
    FROM tasks WHERE release_version IS NOT NULL AND NOT restricted
   GROUP BY release_version
), versions AS (
  SELECT version FROM trains UNION SELECT version FROM release
), blockers AS (
  SELECT r.version, l.src_key AS blocker_key, coalesce(t.created_at, l.first_seen_at) AS filed_at
    FROM release r
    JOIN links l ON l.rule = 'subtask' AND l.dst_key = 'task:' || r.release_task
    LEFT JOIN tasks t ON t.task_key = l.src_key
), placed AS (
  SELECT b.*, (SELECT arg_max(e.wiki_group, e.occurred_at) FROM train_events e
                WHERE e.version = b.version AND e.kind = 'rollforward' AND e.occurred_at <= b.filed_at) AS grp
    FROM blockers b
)
SELECT * FROM (
SELECT v.version, r.release_task, tr.blocker_task AS train_blocker_task, r.release_date,
       tr.first_rollforward_at,
       count(p.blocker_key)::INTEGER AS blockers,
       (count(*) FILTER (WHERE p.filed_at IS NOT NULL AND p.grp IS NULL))::INTEGER AS filed_before_rollout,
       (count(*) FILTER (WHERE p.grp = 'testwikis'))::INTEGER AS filed_testwikis,
       (count(*) FILTER (WHERE p.grp = 'group0'))::INTEGER AS filed_group0,
       (count(*) FILTER (WHERE p.grp = 'group1'))::INTEGER AS filed_group1,
       (count(*) FILTER (WHERE p.grp = 'group2'))::INTEGER AS filed_group2,
       (count(*) FILTER (WHERE p.blocker_key IS NOT NULL AND p.filed_at IS NULL))::INTEGER AS filed_unknown
  FROM versions v
  LEFT JOIN release r USING (version)
  LEFT JOIN trains tr USING (version)
  LEFT JOIN placed p USING (version)
 WHERE ($1::TIMESTAMP IS NULL OR coalesce(tr.first_rollforward_at, TRY_CAST(r.release_date AS TIMESTAMP)) >= $1::TIMESTAMP)
   AND ($2::TIMESTAMP IS NULL OR coalesce(tr.first_rollforward_at, TRY_CAST(r.release_date AS TIMESTAMP)) < $2::TIMESTAMP)
 GROUP BY ALL
) x
ORDER BY coalesce(first_rollforward_at, TRY_CAST(release_date AS TIMESTAMP)) NULLS LAST, version
