-- deploy-in-window: each deployment → the window it started in (view deploy_window_match,
-- src/store/schema/220_deploy_windows.sql). Time-based, so medium confidence at best
-- (window opened by the workflow, or the deployer is listed on the calendar), else low.
SELECT deploy_key AS src_key, window_key AS dst_key, evidence, confidence, first_seen_at
  FROM deploy_window_match
