-- Config deployments per week: every first-parent commit of operations/mediawiki-config
-- is a deployments row of kind config-merge (git source). Counts the deployments, the
-- distinct authors (points of contact), those that name a task (Bug: footer) and those
-- whose Change-Id resolves to a known Gerrit change. Weeks start on Monday (UTC).
-- $1/$2: window on started_at.
WITH d AS (
  SELECT d.deploy_key, date_trunc('week', d.started_at) AS week, d.deployer,
         EXISTS (SELECT 1 FROM deployment_items i WHERE i.deploy_key = d.deploy_key AND i.task_id IS NOT NULL) AS has_task,
         EXISTS (SELECT 1 FROM deployment_items i WHERE i.deploy_key = d.deploy_key AND i.change_key IS NOT NULL) AS has_change
    FROM deployments d
   WHERE d.kind = 'config-merge'
     AND ($1::TIMESTAMP IS NULL OR d.started_at >= $1::TIMESTAMP)
     AND ($2::TIMESTAMP IS NULL OR d.started_at < $2::TIMESTAMP)
)
SELECT week, count(*)::INTEGER AS deploys, count(DISTINCT deployer)::INTEGER AS authors,
       (count(*) FILTER (WHERE has_task))::INTEGER AS with_task,
       (count(*) FILTER (WHERE has_change))::INTEGER AS with_known_change
  FROM d
 GROUP BY week
 ORDER BY week
