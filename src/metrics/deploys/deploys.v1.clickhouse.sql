-- deploys@1, kept as it was (before the point of contact became a person): see deploys.v1.ts.
-- ClickHouse version of deploys.v1.sql (same parameters, columns and order; see there).
WITH d AS (
  SELECT *
    FROM deployments
   WHERE ($1 IS NULL OR started_at >= $1)
     AND ($2 IS NULL OR started_at < $2)
     AND ($3 OR kind NOT IN ('cookbook', 'lock', 'lock-force', 'install-scap', 'clean', 'config-merge'))
     AND ($4 IS NULL OR kind = $4)
     AND deploy_key NOT IN (SELECT sal_key FROM deploy_twins WHERE sal_key IS NOT NULL)
),
items AS (
  SELECT coalesce(t.workflow_key, i.deploy_key) AS deploy_key, i.change_number AS change_number, i.change_key AS change_key, i.task_id AS task_id
    FROM deployment_items i
    LEFT JOIN deploy_twins t ON t.sal_key = i.deploy_key
),
carried AS (
  SELECT DISTINCT deploy_key, change_number, change_key
    FROM items
   WHERE change_number IS NOT NULL
),
deploy_tasks AS (
  SELECT deploy_key, arraySort(groupUniqArray(assumeNotNull(task_id))) AS tasks
    FROM items
   WHERE task_id IS NOT NULL
   GROUP BY deploy_key
),
per_change AS (
  SELECT d.deploy_key AS deploy_key, d.started_at AS started_at, d.finished_at AS finished_at, d.kind AS kind, d.outcome AS outcome,
         d.duration_s AS duration_s, d.deployer AS deployer, d.host AS host, d.window_key AS window_key, d.message AS message,
         c.change_number AS change_number, ch.subject AS change_subject, ch.project AS change_project, ch.owner_name AS change_owner,
         arraySort(arrayDistinct(arrayConcat(ifNull(t.tasks, CAST([] AS Array(String))), ch.bug_tasks))) AS tasks
    FROM d
    LEFT JOIN carried c ON c.deploy_key = d.deploy_key
    LEFT JOIN changes ch ON ch.change_key = c.change_key
    LEFT JOIN deploy_tasks t ON t.deploy_key = d.deploy_key
),
task_owner AS (
  SELECT x.deploy_key AS deploy_key, x.change_number AS change_number, argMin(tk.owner, tk.task_id) AS owner, min(tk.task_id) AS task_id
    FROM (SELECT deploy_key, change_number, arrayJoin(tasks) AS task_id FROM per_change) x
    JOIN tasks tk ON tk.task_id = x.task_id
   WHERE tk.owner IS NOT NULL
   GROUP BY x.deploy_key, x.change_number
)
SELECT p.started_at AS started_at, p.finished_at AS finished_at, p.kind AS kind, p.outcome AS outcome, p.duration_s AS duration_s,
       p.deployer AS deployer, p.change_number AS change_number, p.change_subject AS change_subject,
       p.change_project AS change_project, arrayStringConcat(p.tasks, ' ') AS tasks,
       coalesce(p.change_owner, i.name, i.username, o.owner) AS contact,
       multiIf(p.change_owner IS NOT NULL, 'change owner',
               o.owner IS NOT NULL, concat('task owner (', o.task_id, ')'), NULL) AS contact_from,
       p.window_key AS window_key, p.message AS message, p.deploy_key AS deploy_key
  FROM per_change p
  LEFT JOIN task_owner o ON o.deploy_key = p.deploy_key AND isNotDistinctFrom(o.change_number, p.change_number)
  LEFT JOIN identities i ON i.identity_key = o.owner
 ORDER BY p.started_at, p.deploy_key, p.change_number NULLS FIRST
 LIMIT $5
