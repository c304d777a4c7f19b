-- deploy-windows: the deployments whose window_key is not the window of view
-- deployments_windowed (explicit, else by time), with that window: the rows to write.
SELECT d.* REPLACE (w.window_key AS window_key)
  FROM deployments d
  JOIN deployments_windowed w ON w.deploy_key = d.deploy_key
 WHERE d.window_key IS DISTINCT FROM w.window_key
 ORDER BY d.deploy_key
