-- time-proximity: incident → every deployment that started in the hours before the outage
-- began (incidents.preceding_hours, default 4). Low confidence: being close in time is
-- not evidence of cause, and the evidence text says so.
SELECT i.incident_key AS src_key, d.deploy_key AS dst_key,
       'deployment started ' || CAST(round(epoch(i.started_at - d.started_at) / 60) AS BIGINT) || ' min before the outage began ('
         || strftime(i.started_at, '%Y-%m-%d %H:%M') || ' UTC; window ' || coalesce(i.preceding_hours, 4)
         || ' h): time proximity only, not evidence of cause' AS evidence,
       'low' AS confidence, i.started_at AS first_seen_at
  FROM incidents i
  JOIN deployments d
    ON d.started_at <= i.started_at
   AND d.started_at >= i.started_at - to_hours(coalesce(i.preceding_hours, 4))
 WHERE i.started_at IS NOT NULL
