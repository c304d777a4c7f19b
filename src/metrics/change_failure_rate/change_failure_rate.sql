-- Metric `change_failure_rate`: per calendar month of deployment start, the share of
-- deployments that an incident report links to. Two variants, one row each per month:
--   explicit        links of rule incident-reference (high confidence: the report names the
--                   deployment by SAL permalink or by a change it carried), counted only when
--                   the deployment started at or before the outage began (a deployment named
--                   as the fix, after the start, is not a failure)
--   time-proximity  links of rule time-proximity (low confidence: started in the hours
--                   before an outage; proximity, not evidence of cause)
-- $1 since, $2 until (deployment start).
WITH d AS (
  SELECT deploy_key, started_at, date_trunc('month', started_at) AS month
    FROM deployments
   WHERE started_at IS NOT NULL
     AND kind NOT IN ('cookbook', 'lock', 'lock-force', 'install-scap', 'clean', 'config-merge')
     AND deploy_key NOT IN (SELECT workflow_key FROM deploy_twins) -- counted once, as its SAL record
     AND ($1::TIMESTAMP IS NULL OR started_at >= $1::TIMESTAMP)
     AND ($2::TIMESTAMP IS NULL OR started_at < $2::TIMESTAMP)
),
-- a link to the workflow record of a deploy counts for its SAL twin
linked AS (
  SELECT l.src_key, l.rule, coalesce(t.sal_key, l.dst_key) AS deploy_key
    FROM links l LEFT JOIN deploy_twins t ON t.workflow_key = l.dst_key
   WHERE l.rule IN ('incident-reference', 'time-proximity')
),
explicit AS (
  SELECT DISTINCT l.deploy_key
    FROM linked l JOIN incidents i ON i.incident_key = l.src_key JOIN d ON d.deploy_key = l.deploy_key
   WHERE l.rule = 'incident-reference' AND d.started_at <= coalesce(i.started_at, d.started_at)
),
proximity AS (
  SELECT DISTINCT deploy_key FROM linked WHERE rule = 'time-proximity'
),
variants AS (
  SELECT 'explicit' AS variant, 'high' AS confidence, d.month, count(*) AS deployments,
         count(*) FILTER (WHERE d.deploy_key IN (SELECT deploy_key FROM explicit)) AS failed
    FROM d GROUP BY d.month
  UNION ALL
  SELECT 'time-proximity (low confidence: not evidence of cause)', 'low', d.month, count(*),
         count(*) FILTER (WHERE d.deploy_key IN (SELECT deploy_key FROM proximity))
    FROM d GROUP BY d.month
)
SELECT strftime(month, '%Y-%m') AS month, variant, confidence, deployments, failed,
       round(failed / deployments, 4) AS rate
  FROM variants
 ORDER BY month, confidence
