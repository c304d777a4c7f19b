-- same-deploy: a deployment recorded by `shiplog deploy` → the SAL record of the same run
-- (view deploy_twins, migration 223: same deployer, SAL start within the wrapped run).
SELECT workflow_key AS src_key, sal_key AS dst_key,
       'same deployer, SAL start within the wrapped command (started ' || strftime(started_at, '%Y-%m-%d %H:%M:%S') || ' UTC)' AS evidence,
       'medium' AS confidence, started_at AS first_seen_at
  FROM deploy_twins
