-- Report `dora`: deployments of the backport / config-sync class, one row per change or
-- task each carried (or one bare row). A workflow record with a SAL twin is read as its
-- SAL twin's items are (counted once, by dora.ts). Config merges come with the Change-Id
-- they carried, so a merge a sync deployed is not counted a second time.
SELECT d.deploy_key AS deploy_key, d.kind AS kind, d.started_at AS started_at,
       d.deployer AS deployer, d.window_key AS window_key, i.change_number AS change_number,
       i.change_id AS change_id, i.task_id AS task_id, c.merged_at AS merged_at,
       c.branch AS branch, c.project AS project, c.bug_tasks AS bug_tasks,
       c.change_id AS number_change_id
  FROM deployments d
  LEFT JOIN deployment_items i ON i.deploy_key = d.deploy_key
  LEFT JOIN changes c ON c.number = i.change_number
 WHERE d.started_at IS NOT NULL
   AND d.kind IN ('backport', 'swat', 'sync-world', 'sync-file', 'sync-dir', 'sync-dblists', 'sync-docroot', 'config-merge')
   AND d.deploy_key NOT IN (SELECT workflow_key FROM deploy_twins)
 ORDER BY d.started_at, d.deploy_key, i.item_key
