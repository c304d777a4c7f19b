-- The train page: changes merged on the main branch of the repositories the train carries
-- (core, extensions, skins, vendor; repositories known not to be deployed left out)
-- between the previous train's cut ($1) and this train's cut ($2): what the train carried.
SELECT c.project AS project, c.change_key AS change_key, c.number AS number, c.subject AS subject,
       c.owner AS owner, c.owner_name AS owner_name, c.created_at AS created_at, c.merged_at AS merged_at,
       c.bug_tasks AS bug_tasks
  FROM changes c LEFT JOIN repos r ON r.name = c.project
 WHERE c.status = 'merged' AND c.merged_at >= $1 AND c.merged_at < $2
   AND c.branch IN ('master', 'main')
   AND (c.project = 'mediawiki/core' OR c.project = 'mediawiki/vendor'
        OR c.project LIKE 'mediawiki/extensions/%' OR c.project LIKE 'mediawiki/skins/%')
   AND (r.deployed IS NULL OR r.deployed)
 ORDER BY c.project, c.merged_at, c.change_key
