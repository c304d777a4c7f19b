-- Which window each deployment fell in (calendar, workflow and SAL deploys alike), as
-- views so the answer holds whatever source re-derived last:
--   deploy_window_match  the best window by time for every deployment the deployer did not
--                        tie to a window explicitly (`shiplog deploy` in an open window
--                        makes a `workflow-window` link): windows actually opened (workflow)
--                        before planned ones, then by kind (train steps → train windows,
--                        other deploys → backport/SWAT windows), then the shortest window.
--   deployments_windowed deployments with window_key = explicit window, else the match.
-- The link rule `deploy-in-window` (src/link/deploy-in-window.sql) and the calendar/workflow
-- derive step (UPDATE deployments.window_key) both read these views.
-- Columns are listed, not `*`, so a later ADD COLUMN on deployments does not break the views.

CREATE VIEW deploy_window_match AS
WITH bounds AS (
  SELECT window_key, name, kind, source, deployers, planned_start, planned_end, opened_at, closed_at,
         coalesce(opened_at, planned_start) AS w_start,
         coalesce(closed_at, CASE WHEN opened_at IS NOT NULL THEN opened_at + INTERVAL 12 HOUR END, planned_end) AS w_end
    FROM windows
   WHERE coalesce(opened_at, planned_start) IS NOT NULL
),
explicit AS (
  SELECT DISTINCT src_key AS deploy_key FROM links WHERE rule = 'workflow-window'
),
cand AS (
  SELECT d.deploy_key, d.started_at, d.deployer, d.kind AS deploy_kind, b.*,
         row_number() OVER (
           PARTITION BY d.deploy_key
           ORDER BY (b.source = 'workflow') DESC,
                    CASE WHEN d.kind = 'train-promote' AND b.kind = 'train' THEN 0
                         WHEN d.kind <> 'train-promote' AND b.kind IN ('backport', 'swat') THEN 0
                         WHEN b.kind IN ('backport', 'swat', 'train') THEN 1 ELSE 2 END,
                    b.w_end - b.w_start, b.w_start, b.window_key) AS rank
    FROM deployments d
    JOIN bounds b ON d.started_at >= b.w_start AND d.started_at < b.w_end
   WHERE d.started_at IS NOT NULL
     AND d.deploy_key NOT IN (SELECT deploy_key FROM explicit)
)
SELECT deploy_key, window_key, started_at AS first_seen_at,
       CASE WHEN source = 'workflow' OR list_contains(coalesce(deployers, []), deployer) THEN 'medium' ELSE 'low' END AS confidence,
       'started ' || strftime(started_at, '%Y-%m-%d %H:%M:%S') || ' UTC, within ' || coalesce(name, window_key) || ' ('
         || CASE WHEN source = 'workflow' THEN 'opened ' ELSE 'planned ' END
         || strftime(w_start, '%Y-%m-%d %H:%M') || '–' || strftime(w_end, '%H:%M') || ' UTC)' AS evidence
  FROM cand
 WHERE rank = 1;

CREATE VIEW deployments_windowed AS
SELECT d.deploy_key, d.kind, d.started_at, d.finished_at, d.duration_s, d.deployer, d.host, d.message,
       d.outcome, d.staged, d.forced,
       coalesce(e.dst_key, m.window_key) AS window_key,
       CASE WHEN e.dst_key IS NOT NULL THEN 'explicit' WHEN m.window_key IS NOT NULL THEN 'time' END AS window_rule,
       d.repo, d.raw_id
  FROM deployments d
  LEFT JOIN (SELECT src_key, min(dst_key) AS dst_key FROM links WHERE rule = 'workflow-window' GROUP BY src_key) e
         ON e.src_key = d.deploy_key
  LEFT JOIN deploy_window_match m ON m.deploy_key = d.deploy_key;
