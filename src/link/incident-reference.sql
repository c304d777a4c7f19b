-- incident-reference: incident → deployment the report names explicitly (high confidence):
-- a SAL permalink in the report that is the deployment's start entry, or its finish entry
-- (same deployer, logged at the deployment's finish), or a change the report references
-- that the deployment carried. Incident → change and → task links are made in normalize.
WITH sal_refs AS (
  SELECT incident_key, started_at, unnest(sal_ids) AS sal_id FROM incidents WHERE len(coalesce(sal_ids, [])) > 0
),
by_sal AS (
  SELECT r.incident_key, d.deploy_key, coalesce(r.started_at, d.started_at) AS first_seen_at,
         'SAL permalink ' || r.sal_id || ' cited in the report' || coalesce(': ' || le.message, '') AS evidence
    FROM sal_refs r
    LEFT JOIN log_entries le ON le.entry_key = 'sal:' || r.sal_id
    JOIN deployments d
      ON d.deploy_key = 'deploy:sal:' || r.sal_id
      OR (le.logged_at IS NOT NULL AND d.finished_at = le.logged_at AND d.deployer IS NOT DISTINCT FROM le.user_name
          AND starts_with(d.deploy_key, 'deploy:sal:'))
),
change_refs AS (
  SELECT incident_key, started_at, unnest(changes) AS change_number FROM incidents WHERE len(coalesce(changes, [])) > 0
),
by_change AS (
  SELECT DISTINCT r.incident_key, di.deploy_key, coalesce(r.started_at, d.started_at) AS first_seen_at,
         'the report references change ' || r.change_number || ', which this deployment carried' AS evidence
    FROM change_refs r
    JOIN deployment_items di ON di.change_number = r.change_number
    JOIN deployments d ON d.deploy_key = di.deploy_key
)
SELECT incident_key AS src_key, deploy_key AS dst_key, evidence, 'high' AS confidence, first_seen_at FROM by_sal
UNION ALL
SELECT incident_key, deploy_key, evidence, 'high', first_seen_at FROM by_change
