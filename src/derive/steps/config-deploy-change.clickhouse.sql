-- config-deploy-change.sql on ClickHouse: the distance to the submit by dateDiff (no epoch()), the
-- chosen change's columns named apart (a ClickHouse alias of the outer SELECT reaches into subqueries).
-- config-deploy-submit, part 1: the Gerrit change each config-merge deployment item carried,
-- chosen among the changes of the deployment's repository with the item's Change-Id:
-- merged first, then on the default branch, then the one whose patch set is the commit
-- itself, then the submit nearest the commit, then the lowest number. Recomputed from
-- deployment_items, commits, changes and patchsets alone, so git and Gerrit may arrive in
-- any order. Answers the items whose choice moved, with it: the rows to write.
SELECT di.* REPLACE (p.p_number AS change_number, p.p_change AS change_key)
  FROM deployment_items di
  JOIN (
    SELECT x.item_key AS p_item, x.number AS p_number, x.change_key AS p_change
      FROM (
        SELECT i.item_key AS item_key, ch.number AS number, ch.change_key AS change_key,
               row_number() OVER (
                 PARTITION BY i.item_key
                 ORDER BY (ch.status = 'merged' AND ch.merged_at IS NOT NULL) DESC,
                          (ch.branch = r.default_branch) DESC NULLS LAST,
                          (ps.sha IS NOT NULL) DESC,
                          abs(dateDiff('millisecond', c.committed_at, ch.merged_at)) NULLS LAST,
                          ch.number) AS rn
          FROM deployment_items i
          JOIN deployments d ON d.deploy_key = i.deploy_key AND d.kind = 'config-merge'
          JOIN commits c ON c.commit_key = concat('commit:', d.repo, ':', substr(d.deploy_key, length('deploy:git:') + 1))
          JOIN changes ch ON ch.change_id = i.change_id AND ch.project = d.repo
          LEFT JOIN repos r ON r.name = d.repo
          LEFT JOIN (SELECT DISTINCT change_key, sha FROM patchsets WHERE sha IS NOT NULL) ps
                 ON ps.change_key = ch.change_key AND ps.sha = c.sha
         WHERE i.change_id IS NOT NULL
      ) x
     WHERE rn = 1
  ) p
    ON di.item_key = p.p_item
 WHERE di.change_key IS DISTINCT FROM p.p_change OR di.change_number IS DISTINCT FROM p.p_number
 ORDER BY di.item_key
