-- window-plan: a window opened by a deployer → the calendar window it carried out (view
-- window_plan_match, migration 222). Time-based: medium confidence.
SELECT workflow_key AS src_key, planned_key AS dst_key,
       'opened ' || strftime(opened_at, '%Y-%m-%d %H:%M') || ' UTC, during the planned ' || coalesce(planned_name, planned_key) AS evidence,
       'medium' AS confidence, opened_at AS first_seen_at
  FROM window_plan_match
