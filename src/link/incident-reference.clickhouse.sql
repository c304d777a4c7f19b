-- incident-reference on ClickHouse: arrayJoin for unnest (a list is never NULL here), the
-- two ways a cited SAL entry names a deployment as two joins (ClickHouse joins on
-- equalities), startsWith for starts_with; otherwise incident-reference.sql.
WITH sal_refs AS (
  SELECT incident_key, started_at, arrayJoin(sal_ids) AS sal_id FROM incidents WHERE notEmpty(sal_ids)
),
cited AS (
  SELECT r.incident_key AS incident_key, r.started_at AS started_at, r.sal_id AS sal_id, le.message AS message,
         le.logged_at AS logged_at, le.user_name AS user_name
    FROM sal_refs r
    LEFT JOIN log_entries le ON le.entry_key = concat('sal:', r.sal_id)
),
by_sal AS (
  SELECT c.incident_key AS incident_key, d.deploy_key AS deploy_key, coalesce(c.started_at, d.started_at) AS first_seen_at,
         concat('SAL permalink ', c.sal_id, ' cited in the report', coalesce(concat(': ', c.message), '')) AS evidence
    FROM cited c
    JOIN deployments d ON d.deploy_key = concat('deploy:sal:', c.sal_id)
  UNION DISTINCT
  SELECT c.incident_key, d.deploy_key, coalesce(c.started_at, d.started_at),
         concat('SAL permalink ', c.sal_id, ' cited in the report', coalesce(concat(': ', c.message), ''))
    FROM cited c
    JOIN deployments d ON d.finished_at = c.logged_at
   WHERE c.logged_at IS NOT NULL AND d.deployer IS NOT DISTINCT FROM c.user_name AND startsWith(d.deploy_key, 'deploy:sal:')
),
change_refs AS (
  SELECT incident_key, started_at, arrayJoin(changes) AS change_number FROM incidents WHERE notEmpty(changes)
),
by_change AS (
  SELECT DISTINCT r.incident_key AS incident_key, di.deploy_key AS deploy_key, coalesce(r.started_at, d.started_at) AS first_seen_at,
         concat('the report references change ', toString(r.change_number), ', which this deployment carried') AS evidence
    FROM change_refs r
    JOIN deployment_items di ON di.change_number = r.change_number
    JOIN deployments d ON d.deploy_key = di.deploy_key
)
SELECT incident_key AS src_key, deploy_key AS dst_key, evidence, 'high' AS confidence, first_seen_at FROM by_sal
UNION ALL
SELECT incident_key, deploy_key, evidence, 'high', first_seen_at FROM by_change
