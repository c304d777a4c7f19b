-- config-deploy-submit, part 1: the Gerrit change each config-merge deployment item carried,
-- chosen among the changes of the deployment's repository with the item's Change-Id:
-- merged first, then on the default branch, then the one whose patch set is the commit
-- itself, then the submit nearest the commit, then the lowest number. Recomputed from
-- deployment_items, commits, changes and patchsets alone, so git and Gerrit may arrive in
-- any order. Answers the items whose choice moved, with it: the rows to write.
SELECT di.* REPLACE (p.number AS change_number, p.change_key AS change_key)
  FROM deployment_items di
  JOIN (
    SELECT item_key, number, change_key
      FROM (
        SELECT i.item_key, ch.number, ch.change_key,
               row_number() OVER (
                 PARTITION BY i.item_key
                 ORDER BY (ch.status = 'merged' AND ch.merged_at IS NOT NULL) DESC,
                          (ch.branch = r.default_branch) DESC NULLS LAST,
                          (ps.sha IS NOT NULL) DESC,
                          abs(epoch(ch.merged_at) - epoch(c.committed_at)) NULLS LAST,
                          ch.number) AS rn
          FROM deployment_items i
          JOIN deployments d ON d.deploy_key = i.deploy_key AND d.kind = 'config-merge'
          JOIN commits c ON c.commit_key = 'commit:' || d.repo || ':' || substr(d.deploy_key, length('deploy:git:') + 1)
          JOIN changes ch ON ch.change_id = i.change_id AND ch.project = d.repo
          LEFT JOIN repos r ON r.name = d.repo
          LEFT JOIN (SELECT DISTINCT change_key, sha FROM patchsets WHERE sha IS NOT NULL) ps
                 ON ps.change_key = ch.change_key AND ps.sha = c.sha
         WHERE i.change_id IS NOT NULL
      ) x
     WHERE rn = 1
  ) p
    ON di.item_key = p.item_key
 WHERE di.change_key IS DISTINCT FROM p.change_key OR di.change_number IS DISTINCT FROM p.number
 ORDER BY di.item_key
