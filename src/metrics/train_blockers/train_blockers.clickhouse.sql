-- ClickHouse version of train_blockers.sql (same parameters, columns and order). The group a
-- blocker was filed in is a join on the version with the time as a condition of the
-- aggregate (ClickHouse has no correlated subqueries).
WITH release AS (
  SELECT release_version AS version, argMin(task_id, toInt64OrNull(substr(task_id, 2))) AS release_task,
         min(release_date) AS release_date
    FROM tasks WHERE release_version IS NOT NULL AND NOT restricted
   GROUP BY release_version
), versions AS (
  SELECT version FROM trains UNION DISTINCT SELECT assumeNotNull(version) FROM release
), blockers AS (
  SELECT r.version AS version, l.src_key AS blocker_key, coalesce(t.created_at, l.first_seen_at) AS filed_at
    FROM release r
    JOIN links l ON l.dst_key = concat('task:', r.release_task)
    LEFT JOIN tasks t ON t.task_key = l.src_key
   WHERE l.rule = 'subtask'
), placed AS (
  SELECT b.version AS version, b.blocker_key AS blocker_key, b.filed_at AS filed_at,
         argMaxIf(e.wiki_group, e.occurred_at, e.kind = 'rollforward' AND e.occurred_at <= b.filed_at) AS grp
    FROM blockers b LEFT JOIN train_events e ON e.version = b.version
   GROUP BY b.version, b.blocker_key, b.filed_at
)
SELECT * FROM (
SELECT v.version AS version, r.release_task AS release_task, tr.blocker_task AS train_blocker_task, r.release_date AS release_date,
       tr.first_rollforward_at AS first_rollforward_at,
       toInt32(count(p.blocker_key)) AS blockers,
       toInt32(countIf(p.filed_at IS NOT NULL AND p.grp IS NULL)) AS filed_before_rollout,
       toInt32(countIf(p.grp = 'testwikis')) AS filed_testwikis,
       toInt32(countIf(p.grp = 'group0')) AS filed_group0,
       toInt32(countIf(p.grp = 'group1')) AS filed_group1,
       toInt32(countIf(p.grp = 'group2')) AS filed_group2,
       toInt32(countIf(p.blocker_key IS NOT NULL AND p.filed_at IS NULL)) AS filed_unknown
  FROM versions v
  LEFT JOIN release r ON r.version = v.version
  LEFT JOIN trains tr ON tr.version = v.version
  LEFT JOIN placed p ON p.version = v.version
 WHERE ($1 IS NULL OR coalesce(tr.first_rollforward_at, parseDateTime64BestEffortOrNull(r.release_date, 3, 'UTC')) >= $1)
   AND ($2 IS NULL OR coalesce(tr.first_rollforward_at, parseDateTime64BestEffortOrNull(r.release_date, 3, 'UTC')) < $2)
 GROUP BY ALL
) x
ORDER BY coalesce(first_rollforward_at, parseDateTime64BestEffortOrNull(release_date, 3, 'UTC')) NULLS LAST, version
