-- commit → Gerrit change by Change-Id (rule change-id): a commit of a repository's branch
-- whose Change-Id footer names a change of the same project (changes.project = commits.repo)
-- and of the branch that commit history was read from (repos.default_branch, else master).
-- Cherry-picks to wmf/* branches share the Change-Id but are other changes: the branch
-- keeps them apart. Explicit id match: high.
SELECT c.commit_key AS src_key,
       ch.change_key AS dst_key,
       'Change-Id: ' || c.change_id AS evidence,
       'high' AS confidence,
       c.committed_at AS first_seen_at
  FROM commits c
  LEFT JOIN repos r ON r.name = c.repo
  JOIN changes ch
    ON ch.change_id = c.change_id
   AND ch.project = c.repo
   AND ch.branch = coalesce(r.default_branch, 'master')
 WHERE c.change_id IS NOT NULL
