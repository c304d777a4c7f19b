-- Report `windows`: per deployment window in [since, until) (by opened_at, else planned
-- start) what was deployed in it. Deployments belong to a window through view
-- deployments_windowed (explicit workflow window, else the window they started in). A
-- window a deployer opened during a planned calendar window (view window_plan_match) is
-- reported as that planned window, with the actual opened/closed times. A deploy recorded
-- by both `shiplog deploy` and the SAL (view deploy_twins) counts once, as the former.
-- $1 since, $2 until, $3 list every window (else backport/SWAT/train windows and any
-- window with syncs), $4 row limit.
WITH plan AS (
  SELECT workflow_key, planned_key FROM window_plan_match
),
actual AS (
  SELECT p.planned_key, min(wf.opened_at) AS opened_at, max(wf.closed_at) AS closed_at
    FROM plan p JOIN windows wf ON wf.window_key = p.workflow_key
   GROUP BY p.planned_key
),
w AS (
  SELECT win.window_key, win.name, win.kind,
         CASE WHEN a.planned_key IS NOT NULL THEN 'calendar+workflow' ELSE win.source END AS source,
         win.planned_start, win.planned_end,
         coalesce(win.opened_at, a.opened_at) AS opened_at, coalesce(win.closed_at, a.closed_at) AS closed_at,
         win.deployers, win.requested_changes, win.max_patches,
         coalesce(win.opened_at, win.planned_start) AS w_start
    FROM windows win
    LEFT JOIN actual a ON a.planned_key = win.window_key
   WHERE win.window_key NOT IN (SELECT workflow_key FROM plan)
     AND ($1::TIMESTAMP IS NULL OR coalesce(win.opened_at, win.planned_start) >= $1::TIMESTAMP)
     AND ($2::TIMESTAMP IS NULL OR coalesce(win.opened_at, win.planned_start) < $2::TIMESTAMP)
),
d AS (
  SELECT dw.deploy_key, dw.kind, dw.started_at, dw.finished_at, dw.duration_s, dw.deployer, dw.outcome, dw.forced,
         coalesce(p.planned_key, dw.window_key) AS window_key
    FROM deployments_windowed dw
    LEFT JOIN plan p ON p.workflow_key = dw.window_key
   WHERE dw.kind NOT IN ('cookbook', 'lock', 'lock-force', 'install-scap', 'clean', 'config-merge')
     AND coalesce(p.planned_key, dw.window_key) IN (SELECT window_key FROM w)
     AND dw.deploy_key NOT IN (SELECT sal_key FROM deploy_twins) -- counted once, as its workflow record
),
carried AS (
  SELECT DISTINCT d.window_key, d.deploy_key, d.deployer, di.change_number, di.change_key
    FROM d JOIN deployment_items di USING (deploy_key)
   WHERE di.change_number IS NOT NULL
),
task_ids AS (
  SELECT d.window_key, di.task_id FROM d JOIN deployment_items di USING (deploy_key) WHERE di.task_id IS NOT NULL
  UNION
  SELECT c.window_key, unnest(ch.bug_tasks) FROM carried c JOIN changes ch ON ch.change_key = c.change_key
),
-- self-deploy: the deployer is the owner of a change the deploy carried (by name, by the
-- owner's account username, or by the same person_key of two identities)
self AS (
  SELECT DISTINCT c.window_key, c.deploy_key
    FROM carried c
    JOIN changes ch ON ch.change_key = c.change_key
    LEFT JOIN identities io ON io.identity_key = ch.owner
   WHERE lower(c.deployer) IN (lower(ch.owner_name), lower(io.username), lower(io.account))
      OR EXISTS (SELECT 1 FROM identities idp
                  WHERE (lower(idp.account) = lower(c.deployer) OR lower(idp.username) = lower(c.deployer))
                    AND idp.person_key IS NOT NULL AND idp.person_key = io.person_key)
),
per_window AS (
  SELECT window_key,
         count(*) AS syncs,
         list_sort(list(DISTINCT deployer) FILTER (WHERE deployer IS NOT NULL)) AS deployed_by,
         count(*) FILTER (WHERE outcome = 'failed') AS failed,
         count(*) FILTER (WHERE outcome = 'aborted') AS aborted,
         count(*) FILTER (WHERE forced) AS forced,
         min(started_at) AS first_start,
         max(finished_at) AS last_finish,
         sum(duration_s) AS busy_s
    FROM d GROUP BY window_key
)
SELECT w.window_key, w.name, w.kind, w.source, w.w_start AS starts_at, w.planned_start, w.planned_end, w.opened_at, w.closed_at,
       coalesce(p.syncs, 0) AS syncs,
       (SELECT count(DISTINCT change_number) FROM carried c WHERE c.window_key = w.window_key) AS changes,
       (SELECT count(DISTINCT task_id) FROM task_ids t WHERE t.window_key = w.window_key) AS tasks,
       array_to_string(w.deployers, ' ') AS planned_deployers,
       array_to_string(p.deployed_by, ' ') AS deployers,
       (SELECT count(*) FROM self s WHERE s.window_key = w.window_key) AS self_deploys,
       p.first_start, p.last_finish,
       epoch(p.last_finish - p.first_start) AS span_s,
       p.busy_s,
       len(coalesce(w.requested_changes, [])) AS requested,
       (SELECT count(DISTINCT c.change_number) FROM carried c
         WHERE c.window_key = w.window_key AND list_contains(coalesce(w.requested_changes, []), c.change_number)) AS requested_deployed,
       w.max_patches,
       coalesce(p.failed, 0) AS failed,
       coalesce(p.aborted, 0) AS aborted,
       coalesce(p.forced, 0) AS forced
  FROM w LEFT JOIN per_window p USING (window_key)
 WHERE $3::BOOLEAN OR w.kind IN ('backport', 'swat', 'train') OR p.syncs > 0
 ORDER BY w.w_start, w.window_key
 LIMIT $4
