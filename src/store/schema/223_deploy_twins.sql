-- One real deploy can be recorded twice: by the deployer's `shiplog deploy` (workflow) and
-- by scap's SAL announcements. deploy_twins pairs each workflow deployment with the SAL
-- deployment of the same deployer that started within a minute before it and before it
-- finished (the nearest start), so reports count the deploy once. Link rule `same-deploy`.
CREATE VIEW deploy_twins AS
SELECT wf.deploy_key AS workflow_key,
       arg_min(s.deploy_key, abs(epoch(s.started_at - wf.started_at))) AS sal_key,
       min(wf.started_at) AS started_at
  FROM deployments wf
  JOIN deployments s
    ON starts_with(wf.deploy_key, 'deploy:workflow:') AND starts_with(s.deploy_key, 'deploy:sal:')
   AND s.deployer = wf.deployer
   AND s.started_at >= wf.started_at - INTERVAL 1 MINUTE
   AND s.started_at <= coalesce(wf.finished_at, wf.started_at + INTERVAL 1 HOUR)
 GROUP BY wf.deploy_key;
