-- ClickHouse version of config_deploys.sql (same parameters, columns and order): what each
-- deployment carried is aggregated per deployment and joined (no correlated EXISTS).
WITH carried AS (
  SELECT deploy_key, max(task_id IS NOT NULL) AS has_task, max(change_key IS NOT NULL) AS has_change
    FROM deployment_items GROUP BY deploy_key
), d AS (
  SELECT d.deploy_key AS deploy_key, date_trunc('week', d.started_at) AS week, d.deployer AS deployer,
         coalesce(c.has_task, 0) = 1 AS has_task, coalesce(c.has_change, 0) = 1 AS has_change
    FROM deployments d LEFT JOIN carried c ON c.deploy_key = d.deploy_key
   WHERE d.kind = 'config-merge'
     AND ($1 IS NULL OR d.started_at >= $1)
     AND ($2 IS NULL OR d.started_at < $2)
)
SELECT week, toInt32(count(*)) AS deploys, toInt32(count(DISTINCT deployer)) AS authors,
       toInt32(countIf(has_task)) AS with_task,
       toInt32(countIf(has_change)) AS with_known_change
  FROM d
 GROUP BY week
 ORDER BY week
