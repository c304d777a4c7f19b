-- train-blocker.sql on ClickHouse: argMin and toInt64; the chosen task named apart from
-- the column (a ClickHouse alias is visible in the whole query).
SELECT tr.* REPLACE (b.b_task AS blocker_task)
  FROM trains tr
  JOIN (
    SELECT release_version AS b_version, argMin(task_id, toInt64(substr(task_id, 2))) AS b_task
      FROM tasks
     WHERE release_version IS NOT NULL AND NOT restricted AND coalesce(subtype, 'release') = 'release'
     GROUP BY release_version
  ) b ON tr.version = b.b_version
 WHERE tr.blocker_task IS NULL
 ORDER BY tr.train_key
