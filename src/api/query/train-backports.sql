-- The train page: changes made on the train's branch wmf/<version> ($1), with the first
-- deployment that carried each (deployment_items.change_number).
WITH synced AS (
  SELECT i.change_number AS change_number, min(d.started_at) AS synced_at
    FROM deployment_items i JOIN deployments d ON d.deploy_key = i.deploy_key
   WHERE i.change_number IS NOT NULL AND d.started_at IS NOT NULL
   GROUP BY i.change_number
)
SELECT c.project AS project, c.change_key AS change_key, c.number AS number, c.subject AS subject,
       c.owner AS owner, c.owner_name AS owner_name, c.status AS status, c.created_at AS created_at,
       c.merged_at AS merged_at, s.synced_at AS synced_at, c.bug_tasks AS bug_tasks
  FROM changes c LEFT JOIN synced s ON s.change_number = c.number
 WHERE c.branch = concat('wmf/', $1)
 ORDER BY c.created_at, c.change_key
