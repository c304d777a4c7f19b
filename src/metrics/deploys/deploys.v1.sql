-- deploys@1, kept as it was (before the point of contact became a person): see deploys.v1.ts.
-- Report `deploys`: every deployment in [since, until) (by started_at), one row per change
-- it carried (one row when it carried none), with its tasks, deployer and a point of
-- contact: the change owner when the changes table has the change, else the owner of the
-- first of its tasks that has one (its name when identities knows the account). A deploy
-- recorded by both `shiplog deploy` and the SAL (view deploy_twins) is listed once, as the
-- workflow record, carrying the changes and tasks of both records. $1 since, $2 until, $3 include bookkeeping kinds,
-- $4 kind filter (NULL = every kind), $5 row limit.
WITH d AS (
  SELECT *
    FROM deployments
   WHERE ($1::TIMESTAMP IS NULL OR started_at >= $1::TIMESTAMP)
     AND ($2::TIMESTAMP IS NULL OR started_at < $2::TIMESTAMP)
     AND ($3::BOOLEAN OR kind NOT IN ('cookbook', 'lock', 'lock-force', 'install-scap', 'clean', 'config-merge'))
     AND ($4::VARCHAR IS NULL OR kind = $4::VARCHAR)
     AND deploy_key NOT IN (SELECT sal_key FROM deploy_twins WHERE sal_key IS NOT NULL)
),
items AS (
  SELECT coalesce(t.workflow_key, i.deploy_key) AS deploy_key, i.change_number, i.change_key, i.task_id
    FROM deployment_items i
    LEFT JOIN deploy_twins t ON t.sal_key = i.deploy_key
),
carried AS (
  SELECT DISTINCT deploy_key, change_number, change_key
    FROM items
   WHERE change_number IS NOT NULL
),
deploy_tasks AS (
  SELECT deploy_key, list(DISTINCT task_id ORDER BY task_id) AS tasks
    FROM items
   WHERE task_id IS NOT NULL
   GROUP BY deploy_key
),
per_change AS (
  SELECT d.deploy_key, d.started_at, d.finished_at, d.kind, d.outcome, d.duration_s, d.deployer, d.host,
         d.window_key, d.message, c.change_number, ch.subject AS change_subject, ch.project AS change_project,
         ch.owner_name AS change_owner,
         list_sort(list_distinct(coalesce(t.tasks, []::VARCHAR[]) || coalesce(ch.bug_tasks, []::VARCHAR[]))) AS tasks
    FROM d
    LEFT JOIN carried c USING (deploy_key)
    LEFT JOIN changes ch ON ch.change_key = c.change_key
    LEFT JOIN deploy_tasks t USING (deploy_key)
),
task_owner AS (
  SELECT x.deploy_key, x.change_number, arg_min(tk.owner, tk.task_id) AS owner, min(tk.task_id) AS task_id
    FROM (SELECT deploy_key, change_number, unnest(tasks) AS task_id FROM per_change) x
    JOIN tasks tk ON tk.task_id = x.task_id
   WHERE tk.owner IS NOT NULL
   GROUP BY x.deploy_key, x.change_number
)
SELECT p.started_at, p.finished_at, p.kind, p.outcome, p.duration_s, p.deployer, p.change_number, p.change_subject,
       p.change_project, array_to_string(p.tasks, ' ') AS tasks,
       coalesce(p.change_owner, i.name, i.username, o.owner) AS contact,
       CASE WHEN p.change_owner IS NOT NULL THEN 'change owner'
            WHEN o.owner IS NOT NULL THEN 'task owner (' || o.task_id || ')' END AS contact_from,
       p.window_key, p.message, p.deploy_key
  FROM per_change p
  LEFT JOIN task_owner o ON o.deploy_key = p.deploy_key AND o.change_number IS NOT DISTINCT FROM p.change_number
  LEFT JOIN identities i ON i.identity_key = o.owner
 ORDER BY p.started_at, p.deploy_key, p.change_number NULLS FIRST
 LIMIT $5
