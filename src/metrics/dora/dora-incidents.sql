-- Report `dora`: incidents whose report names a deployment (rule incident-reference), the
-- link to a workflow record read as its SAL twin's.
SELECT coalesce(t.sal_key, l.dst_key) AS deploy_key, i.incident_key AS incident_key,
       i.started_at AS started_at, i.ended_at AS ended_at
  FROM links l
  JOIN incidents i ON i.incident_key = l.src_key
  LEFT JOIN deploy_twins t ON t.workflow_key = l.dst_key
 WHERE l.rule = 'incident-reference'
 ORDER BY i.incident_key, deploy_key
