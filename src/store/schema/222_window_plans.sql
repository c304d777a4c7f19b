-- Which planned (calendar) window a window opened with `shiplog window start` carried out:
-- the calendar window of the same kind whose planned time the opening falls in (from 30
-- minutes before its start to its end), the nearest start when several do. Used by the
-- `windows` report (one row per planned window, with the actual opened/closed times) and
-- the link rule `window-plan`.
CREATE VIEW window_plan_match AS
SELECT wf.window_key AS workflow_key,
       arg_min(c.window_key, abs(epoch(wf.opened_at - c.planned_start))) AS planned_key,
       arg_min(c.name, abs(epoch(wf.opened_at - c.planned_start))) AS planned_name,
       min(wf.opened_at) AS opened_at
  FROM windows wf
  JOIN windows c
    ON c.source = 'calendar' AND wf.source = 'workflow'
   AND wf.opened_at >= c.planned_start - INTERVAL 30 MINUTE AND wf.opened_at < c.planned_end
   AND (c.kind = wf.kind OR wf.kind = 'other')
 GROUP BY wf.window_key;
