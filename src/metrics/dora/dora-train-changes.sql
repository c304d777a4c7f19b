-- Report `dora`: merged changes on the main branch of the repositories the train carries
-- (MediaWiki core, extensions, skins, vendor), leaving out repositories known not to be
-- deployed. membership.ts gives each the train whose cut followed its merge.
SELECT c.change_key AS change_key, c.number AS number, c.project AS project, c.subject AS subject,
       c.owner AS owner, c.owner_name AS owner_name, c.created_at AS created_at,
       c.merged_at AS merged_at
  FROM changes c LEFT JOIN repos r ON r.name = c.project
 WHERE c.status = 'merged' AND c.merged_at IS NOT NULL
   AND c.branch IN ('master', 'main')
   AND (c.project = 'mediawiki/core' OR c.project = 'mediawiki/vendor'
        OR c.project LIKE 'mediawiki/extensions/%' OR c.project LIKE 'mediawiki/skins/%')
   AND (r.deployed IS NULL OR r.deployed)
 ORDER BY c.merged_at, c.change_key
