-- same-deploy on ClickHouse: formatDateTime for strftime; otherwise same-deploy.sql.
SELECT workflow_key AS src_key, sal_key AS dst_key,
       concat('same deployer, SAL start within the wrapped command (started ', formatDateTime(started_at, '%Y-%m-%d %H:%i:%S'), ' UTC)') AS evidence,
       'medium' AS confidence, started_at AS first_seen_at
  FROM deploy_twins
