-- trains.blocker_task (T id) from the release task whose custom.release.version is the
-- train's version, only where the trains source left it NULL. The lowest task id wins
-- when several release tasks name one version. Answers the trains to write.
SELECT tr.* REPLACE (b.task_id AS blocker_task)
  FROM trains tr
  JOIN (
    SELECT release_version, arg_min(task_id, CAST(substr(task_id, 2) AS BIGINT)) AS task_id
      FROM tasks
     WHERE release_version IS NOT NULL AND NOT restricted AND coalesce(subtype, 'release') = 'release'
     GROUP BY release_version
  ) b
    ON tr.version = b.release_version
 WHERE tr.blocker_task IS NULL
 ORDER BY tr.train_key
