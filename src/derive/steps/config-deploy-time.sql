-- config-deploy-submit, part 2: a config-merge deployment's time and deployer. When its
-- item's change (part 1) was merged on the repository's default branch, the deployment
-- happened at the Gerrit submit (changes.merged_at) by the last Code-Review+2 given at or
-- before it (the approval that sent it through gate-and-submit; jenkins-bot writes the
-- submit itself), else by the submitter: time_basis 'gerrit-submit'. Otherwise the commit's
-- committer time and author stay, labelled 'git-commit'. Answers the deployments that
-- moved, as they must be: the rows to write.
WITH joined AS (
  SELECT d.deploy_key, c.committed_at, 'git:' || lower(c.author_email) AS git_author, ch.change_key, ch.submitter,
         ch.status = 'merged' AND (r.default_branch IS NULL OR ch.branch = r.default_branch) AS submitted, ch.merged_at
    FROM deployments d
    JOIN commits c ON c.commit_key = 'commit:' || d.repo || ':' || substr(d.deploy_key, length('deploy:git:') + 1)
    LEFT JOIN repos r ON r.name = d.repo
    LEFT JOIN (SELECT deploy_key, min(change_key) AS change_key FROM deployment_items
                WHERE change_key IS NOT NULL GROUP BY deploy_key) i ON i.deploy_key = d.deploy_key
    LEFT JOIN changes ch ON ch.change_key = i.change_key
   WHERE d.kind = 'config-merge'
),
cfg AS (
  SELECT deploy_key, committed_at, git_author,
         CASE WHEN submitted THEN change_key END AS change_key,
         CASE WHEN submitted THEN merged_at END AS merged_at,
         CASE WHEN submitted THEN submitter END AS submitter
    FROM joined
),
approver AS (
  SELECT change_key, voter
    FROM (SELECT v.change_key, v.voter,
                 row_number() OVER (PARTITION BY v.change_key ORDER BY v.voted_at DESC, v.voter DESC) AS rn
            FROM votes v
            JOIN cfg ON cfg.change_key = v.change_key
           WHERE v.label = 'Code-Review' AND v.value = 2 AND v.voter IS NOT NULL AND v.voted_at <= cfg.merged_at)
   WHERE rn = 1
),
target AS (
  SELECT cfg.deploy_key,
         CASE WHEN cfg.merged_at IS NOT NULL THEN cfg.merged_at ELSE cfg.committed_at END AS at,
         CASE WHEN cfg.merged_at IS NOT NULL THEN coalesce(a.voter, cfg.submitter, cfg.git_author) ELSE cfg.git_author END AS deployer,
         CASE WHEN cfg.merged_at IS NOT NULL THEN 'gerrit-submit' ELSE 'git-commit' END AS basis
    FROM cfg LEFT JOIN approver a ON a.change_key = cfg.change_key
)
SELECT d.* REPLACE (t.at AS started_at, t.at AS finished_at, 0 AS duration_s, t.deployer AS deployer, t.basis AS time_basis)
  FROM deployments d
  JOIN target t ON t.deploy_key = d.deploy_key
 WHERE d.started_at IS DISTINCT FROM t.at OR d.finished_at IS DISTINCT FROM t.at
    OR d.deployer IS DISTINCT FROM t.deployer OR d.time_basis IS DISTINCT FROM t.basis
 ORDER BY d.deploy_key
