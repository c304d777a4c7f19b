-- requires: 21.8
-- ClickHouse versions of the views of src/store/schema/220, 222 and 223 (deploy_window_match,
-- deployments_windowed, window_plan_match, deploy_twins): same names, columns and meaning.
-- ClickHouse joins on equalities, so the time ranges are WHERE conditions of a cross join
-- (windows and deployments are thousands of rows, not millions).
CREATE OR REPLACE VIEW deploy_window_match AS
WITH bounds AS (
  SELECT window_key, name, kind, source, deployers, planned_start, planned_end, opened_at, closed_at,
         coalesce(opened_at, planned_start) AS w_start,
         coalesce(closed_at, if(opened_at IS NOT NULL, opened_at + INTERVAL 12 HOUR, NULL), planned_end) AS w_end
    FROM windows
   WHERE coalesce(opened_at, planned_start) IS NOT NULL
),
cand AS (
  SELECT d.deploy_key AS deploy_key, d.started_at AS started_at, d.deployer AS deployer, b.window_key AS window_key, b.name AS name,
         b.source AS source, b.deployers AS deployers, b.w_start AS w_start, b.w_end AS w_end,
         row_number() OVER (
           PARTITION BY d.deploy_key
           ORDER BY (b.source = 'workflow') DESC,
                    multiIf(d.kind = 'train-promote' AND b.kind = 'train', 0,
                            d.kind != 'train-promote' AND b.kind IN ('backport', 'swat'), 0,
                            b.kind IN ('backport', 'swat', 'train'), 1, 2),
                    dateDiff('millisecond', b.w_start, b.w_end), b.w_start, b.window_key) AS rank
    FROM deployments d CROSS JOIN bounds b
   WHERE d.started_at IS NOT NULL AND d.started_at >= b.w_start AND d.started_at < b.w_end
     AND d.deploy_key NOT IN (SELECT src_key FROM links WHERE rule = 'workflow-window')
)
SELECT deploy_key, window_key, started_at AS first_seen_at,
       if(source = 'workflow' OR has(deployers, deployer), 'medium', 'low') AS confidence,
       concat('started ', formatDateTime(started_at, '%Y-%m-%d %H:%i:%S'), ' UTC, within ', coalesce(name, window_key), ' (',
              if(source = 'workflow', 'opened ', 'planned '),
              formatDateTime(w_start, '%Y-%m-%d %H:%i'), '–', formatDateTime(w_end, '%H:%i'), ' UTC)') AS evidence
  FROM cand
 WHERE rank = 1;

CREATE OR REPLACE VIEW deployments_windowed AS
SELECT d.deploy_key AS deploy_key, d.kind AS kind, d.started_at AS started_at, d.finished_at AS finished_at, d.duration_s AS duration_s,
       d.deployer AS deployer, d.host AS host, d.message AS message, d.outcome AS outcome, d.staged AS staged, d.forced AS forced,
       coalesce(e.dst_key, m.window_key) AS window_key,
       multiIf(e.dst_key IS NOT NULL, 'explicit', m.window_key IS NOT NULL, 'time', NULL) AS window_rule,
       d.repo AS repo, d.raw_id AS raw_id
  FROM deployments d
  LEFT JOIN (SELECT src_key, min(dst_key) AS dst_key FROM links WHERE rule = 'workflow-window' GROUP BY src_key) e ON e.src_key = d.deploy_key
  LEFT JOIN deploy_window_match m ON m.deploy_key = d.deploy_key;

CREATE OR REPLACE VIEW window_plan_match AS
SELECT wf.window_key AS workflow_key,
       argMin(c.window_key, abs(dateDiff('second', c.planned_start, wf.opened_at))) AS planned_key,
       argMin(c.name, abs(dateDiff('second', c.planned_start, wf.opened_at))) AS planned_name,
       min(wf.opened_at) AS opened_at
  FROM windows wf CROSS JOIN windows c
 WHERE c.source = 'calendar' AND wf.source = 'workflow'
   AND wf.opened_at >= c.planned_start - INTERVAL 30 MINUTE AND wf.opened_at < c.planned_end
   AND (c.kind = wf.kind OR wf.kind = 'other')
 GROUP BY wf.window_key;

CREATE OR REPLACE VIEW deploy_twins AS
SELECT wf.deploy_key AS workflow_key,
       argMin(s.deploy_key, abs(dateDiff('millisecond', wf.started_at, s.started_at))) AS sal_key,
       min(wf.started_at) AS started_at
  FROM deployments wf JOIN deployments s ON s.deployer = wf.deployer
 WHERE startsWith(wf.deploy_key, 'deploy:workflow:') AND startsWith(s.deploy_key, 'deploy:sal:')
   AND s.started_at >= wf.started_at - INTERVAL 1 MINUTE
   AND s.started_at <= coalesce(wf.finished_at, wf.started_at + INTERVAL 1 HOUR)
 GROUP BY wf.deploy_key;
