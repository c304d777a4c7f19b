-- ClickHouse version of windows.sql (same parameters, columns and order; see there). The
-- per-window counts that windows.sql takes with correlated subqueries are aggregated per
-- window first and joined (ClickHouse has no correlated subqueries).
WITH plan AS (
  SELECT workflow_key, planned_key FROM window_plan_match
),
actual AS (
  SELECT p.planned_key AS planned_key, min(wf.opened_at) AS opened_at, max(wf.closed_at) AS closed_at
    FROM plan p JOIN windows wf ON wf.window_key = p.workflow_key
   GROUP BY p.planned_key
),
w AS (
  SELECT win.window_key AS window_key, win.name AS name, win.kind AS kind,
         if(a.planned_key IS NOT NULL, 'calendar+workflow', win.source) AS source,
         win.planned_start AS planned_start, win.planned_end AS planned_end,
         coalesce(win.opened_at, a.opened_at) AS opened_at, coalesce(win.closed_at, a.closed_at) AS closed_at,
         win.deployers AS deployers, win.requested_changes AS requested_changes, win.max_patches AS max_patches,
         coalesce(win.opened_at, win.planned_start) AS w_start
    FROM windows win
    LEFT JOIN actual a ON a.planned_key = win.window_key
   WHERE win.window_key NOT IN (SELECT workflow_key FROM plan)
     AND ($1 IS NULL OR coalesce(win.opened_at, win.planned_start) >= $1)
     AND ($2 IS NULL OR coalesce(win.opened_at, win.planned_start) < $2)
),
d AS (
  SELECT dw.deploy_key AS deploy_key, dw.kind AS kind, dw.started_at AS started_at, dw.finished_at AS finished_at,
         dw.duration_s AS duration_s, dw.deployer AS deployer, dw.outcome AS outcome, dw.forced AS forced,
         coalesce(p.planned_key, dw.window_key) AS window_key
    FROM deployments_windowed dw
    LEFT JOIN plan p ON p.workflow_key = dw.window_key
   WHERE dw.kind NOT IN ('cookbook', 'lock', 'lock-force', 'install-scap', 'clean', 'config-merge')
     AND coalesce(p.planned_key, dw.window_key) IN (SELECT window_key FROM w)
     AND dw.deploy_key NOT IN (SELECT sal_key FROM deploy_twins WHERE sal_key IS NOT NULL)
),
carried AS (
  SELECT DISTINCT d.window_key AS window_key, d.deploy_key AS deploy_key, d.deployer AS deployer, di.change_number AS change_number, di.change_key AS change_key
    FROM d JOIN deployment_items di ON di.deploy_key = d.deploy_key
   WHERE di.change_number IS NOT NULL
),
task_ids AS (
  SELECT d.window_key AS window_key, di.task_id AS task_id FROM d JOIN deployment_items di ON di.deploy_key = d.deploy_key WHERE di.task_id IS NOT NULL
  UNION DISTINCT
  SELECT c.window_key, arrayJoin(ch.bug_tasks) FROM carried c JOIN changes ch ON ch.change_key = c.change_key
),
person_names AS (
  SELECT person_key, lower(account) AS name FROM identities WHERE person_key IS NOT NULL
  UNION DISTINCT
  SELECT person_key, lower(username) FROM identities WHERE person_key IS NOT NULL AND username IS NOT NULL
),
self AS (
  SELECT DISTINCT c.window_key AS window_key, c.deploy_key AS deploy_key
    FROM carried c
    JOIN changes ch ON ch.change_key = c.change_key
    LEFT JOIN identities io ON io.identity_key = ch.owner
    LEFT JOIN person_names pn ON pn.person_key = io.person_key AND pn.name = lower(c.deployer)
   WHERE lower(c.deployer) = lower(ch.owner_name) OR lower(c.deployer) = lower(io.username) OR lower(c.deployer) = lower(io.account)
      OR pn.person_key IS NOT NULL
),
per_window AS (
  SELECT window_key,
         count(*) AS syncs,
         arraySort(groupUniqArrayIf(assumeNotNull(deployer), deployer IS NOT NULL)) AS deployed_by,
         countIf(outcome = 'failed') AS failed,
         countIf(outcome = 'aborted') AS aborted,
         countIf(forced) AS forced,
         min(started_at) AS first_start,
         max(finished_at) AS last_finish,
         sum(duration_s) AS busy_s
    FROM d GROUP BY window_key
),
changes_n AS (SELECT window_key, count(DISTINCT change_number) AS n FROM carried GROUP BY window_key),
tasks_n AS (SELECT window_key, count(DISTINCT task_id) AS n FROM task_ids GROUP BY window_key),
self_n AS (SELECT window_key, count(*) AS n FROM self GROUP BY window_key),
requested_n AS (
  SELECT c.window_key AS window_key, count(DISTINCT c.change_number) AS n
    FROM carried c JOIN w ON w.window_key = c.window_key
   WHERE has(w.requested_changes, c.change_number)
   GROUP BY c.window_key
)
SELECT w.window_key AS window_key, w.name AS name, w.kind AS kind, w.source AS source, w.w_start AS starts_at,
       w.planned_start AS planned_start, w.planned_end AS planned_end, w.opened_at AS opened_at, w.closed_at AS closed_at,
       coalesce(p.syncs, 0) AS syncs,
       coalesce(cn.n, 0) AS changes,
       coalesce(tn.n, 0) AS tasks,
       nullIf(arrayStringConcat(w.deployers, ' '), '') AS planned_deployers,
       nullIf(arrayStringConcat(p.deployed_by, ' '), '') AS deployers,
       coalesce(sn.n, 0) AS self_deploys,
       p.first_start AS first_start, p.last_finish AS last_finish,
       dateDiff('millisecond', p.first_start, p.last_finish) / 1000 AS span_s,
       p.busy_s AS busy_s,
       length(w.requested_changes) AS requested,
       coalesce(rn.n, 0) AS requested_deployed,
       w.max_patches AS max_patches,
       coalesce(p.failed, 0) AS failed,
       coalesce(p.aborted, 0) AS aborted,
       coalesce(p.forced, 0) AS forced
  FROM w
  LEFT JOIN per_window p ON p.window_key = w.window_key
  LEFT JOIN changes_n cn ON cn.window_key = w.window_key
  LEFT JOIN tasks_n tn ON tn.window_key = w.window_key
  LEFT JOIN self_n sn ON sn.window_key = w.window_key
  LEFT JOIN requested_n rn ON rn.window_key = w.window_key
 WHERE $3 OR w.kind IN ('backport', 'swat', 'train') OR p.syncs > 0
 ORDER BY w.w_start, w.window_key
 LIMIT $4
