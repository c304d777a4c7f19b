-- ClickHouse version of change_failure_rate.sql (same parameters, columns and order). The
-- failed deployments are flags joined to each deployment instead of IN (subquery) filters.
WITH d AS (
  SELECT deploy_key, started_at, date_trunc('month', started_at) AS month
    FROM deployments
   WHERE started_at IS NOT NULL
     AND kind NOT IN ('cookbook', 'lock', 'lock-force', 'install-scap', 'clean', 'config-merge')
     AND deploy_key NOT IN (SELECT workflow_key FROM deploy_twins)
     AND ($1 IS NULL OR started_at >= $1)
     AND ($2 IS NULL OR started_at < $2)
),
linked AS (
  SELECT l.src_key AS src_key, l.rule AS rule, coalesce(t.sal_key, l.dst_key) AS deploy_key
    FROM links l LEFT JOIN deploy_twins t ON t.workflow_key = l.dst_key
   WHERE l.rule IN ('incident-reference', 'time-proximity')
),
explicit AS (
  SELECT DISTINCT l.deploy_key AS deploy_key, 1 AS hit
    FROM linked l JOIN incidents i ON i.incident_key = l.src_key JOIN d ON d.deploy_key = l.deploy_key
   WHERE l.rule = 'incident-reference' AND d.started_at <= coalesce(i.started_at, d.started_at)
),
proximity AS (
  SELECT DISTINCT deploy_key, 1 AS hit FROM linked WHERE rule = 'time-proximity'
),
flagged AS (
  SELECT d.month AS month, d.deploy_key AS deploy_key, e.hit IS NOT NULL AS explicit_hit, p.hit IS NOT NULL AS proximity_hit
    FROM d LEFT JOIN explicit e ON e.deploy_key = d.deploy_key LEFT JOIN proximity p ON p.deploy_key = d.deploy_key
),
variants AS (
  SELECT 'explicit' AS variant, 'high' AS confidence, month, count(*) AS deployments, countIf(explicit_hit) AS failed
    FROM flagged GROUP BY month
  UNION ALL
  SELECT 'time-proximity (low confidence: not evidence of cause)', 'low', month, count(*), countIf(proximity_hit)
    FROM flagged GROUP BY month
)
SELECT formatDateTime(month, '%Y-%m') AS month, variant, confidence, deployments, failed,
       round(failed / deployments, 4) AS rate
  FROM variants
 ORDER BY month, confidence
