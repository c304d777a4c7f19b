-- time-proximity on ClickHouse: the minutes rounded half away from zero as DuckDB's round
-- does (ClickHouse rounds a float half to even), formatDateTime for strftime, the window
-- as a number of hours; otherwise incident-time-proximity.sql.
SELECT i.incident_key AS src_key, d.deploy_key AS dst_key,
       concat('deployment started ', toString(toInt64(floor(dateDiff('millisecond', d.started_at, i.started_at) / 60000 + 0.5))), ' min before the outage began (',
              formatDateTime(i.started_at, '%Y-%m-%d %H:%i'), ' UTC; window ', toString(coalesce(i.preceding_hours, 4)),
              ' h): time proximity only, not evidence of cause') AS evidence,
       'low' AS confidence, i.started_at AS first_seen_at
  FROM incidents i
  CROSS JOIN deployments d
 WHERE i.started_at IS NOT NULL
   AND d.started_at <= i.started_at
   AND d.started_at >= i.started_at - toIntervalSecond(toInt64(coalesce(i.preceding_hours, 4) * 3600))
