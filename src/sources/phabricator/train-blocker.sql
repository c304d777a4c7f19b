-- trains.blocker_task (T id) from the release task whose custom.release.version is the
-- train's version, only where the trains source left it NULL. The lowest task id wins
-- when several release tasks name one version.
UPDATE trains SET blocker_task = b.task_id
  FROM (
    SELECT release_version, arg_min(task_id, CAST(substr(task_id, 2) AS BIGINT)) AS task_id
      FROM tasks
     WHERE release_version IS NOT NULL AND NOT restricted AND coalesce(subtype, 'release') = 'release'
     GROUP BY release_version
  ) b
 WHERE trains.blocker_task IS NULL AND trains.version = b.release_version
