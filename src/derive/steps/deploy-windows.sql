-- deployments.window_key := the window of view deployments_windowed (explicit, else by time).
UPDATE deployments
   SET window_key = w.window_key
  FROM deployments_windowed w
 WHERE w.deploy_key = deployments.deploy_key
   AND deployments.window_key IS DISTINCT FROM w.window_key
