-- config-deploy-time.sql on ClickHouse: the same rows, every column of a subquery named
-- (ClickHouse names an unaliased `t.col` "t.col") and named apart from the columns it is
-- computed from (a ClickHouse alias is visible in the whole query, WHERE included).
WITH joined AS (
  SELECT d.deploy_key AS j_deploy, c.committed_at AS j_committed, concat('git:', lower(c.author_email)) AS j_author,
         ch.change_key AS j_change, ch.submitter AS j_submitter,
         ch.status = 'merged' AND (r.default_branch IS NULL OR ch.branch = r.default_branch) AS j_submitted, ch.merged_at AS j_merged
    FROM deployments d
    JOIN commits c ON c.commit_key = concat('commit:', d.repo, ':', substr(d.deploy_key, length('deploy:git:') + 1))
    LEFT JOIN repos r ON r.name = d.repo
    LEFT JOIN (SELECT deploy_key AS i_deploy, min(change_key) AS i_change FROM deployment_items
                WHERE change_key IS NOT NULL GROUP BY deploy_key) i ON i.i_deploy = d.deploy_key
    LEFT JOIN changes ch ON ch.change_key = i.i_change
   WHERE d.kind = 'config-merge'
),
cfg AS (
  SELECT j_deploy AS c_deploy, j_committed AS c_committed, j_author AS c_author,
         if(j_submitted, j_change, NULL) AS c_change,
         if(j_submitted, j_merged, NULL) AS c_merged,
         if(j_submitted, j_submitter, NULL) AS c_submitter
    FROM joined
),
approver AS (
  SELECT a_change, a_voter
    FROM (SELECT v.change_key AS a_change, v.voter AS a_voter,
                 row_number() OVER (PARTITION BY v.change_key ORDER BY v.voted_at DESC, v.voter DESC) AS rn
            FROM votes v
            JOIN cfg ON cfg.c_change = v.change_key
           WHERE v.label = 'Code-Review' AND v.value = 2 AND v.voter IS NOT NULL AND v.voted_at <= cfg.c_merged)
   WHERE rn = 1
),
target AS (
  SELECT cfg.c_deploy AS t_deploy,
         if(cfg.c_merged IS NOT NULL, cfg.c_merged, cfg.c_committed) AS t_at,
         if(cfg.c_merged IS NOT NULL, coalesce(a.a_voter, cfg.c_submitter, cfg.c_author), cfg.c_author) AS t_deployer,
         if(cfg.c_merged IS NOT NULL, 'gerrit-submit', 'git-commit') AS t_basis
    FROM cfg LEFT JOIN approver a ON a.a_change = cfg.c_change
)
SELECT d.* REPLACE (t.t_at AS started_at, t.t_at AS finished_at, 0 AS duration_s, t.t_deployer AS deployer, t.t_basis AS time_basis)
  FROM deployments d
  JOIN target t ON t.t_deploy = d.deploy_key
 WHERE d.started_at IS DISTINCT FROM t.t_at OR d.finished_at IS DISTINCT FROM t.t_at
    OR d.deployer IS DISTINCT FROM t.t_deployer OR d.time_basis IS DISTINCT FROM t.t_basis
 ORDER BY d.deploy_key
