-- window-plan on ClickHouse: formatDateTime for strftime; otherwise window-plan.sql.
SELECT workflow_key AS src_key, planned_key AS dst_key,
       concat('opened ', formatDateTime(opened_at, '%Y-%m-%d %H:%i'), ' UTC, during the planned ', coalesce(planned_name, planned_key)) AS evidence,
       'medium' AS confidence, opened_at AS first_seen_at
  FROM window_plan_match
