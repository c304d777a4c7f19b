-- Report `tests_broken_by_change`: changes merged on the main branch of the repositories
-- every MediaWiki test runs against (core, vendor) between $1 and $2: the candidates for
-- having broken a test that passed before and failed after.
SELECT change_key, number, project, subject, owner, owner_name, merged_at
  FROM changes
 WHERE status = 'merged' AND branch IN ('master', 'main')
   AND project IN ('mediawiki/core', 'mediawiki/vendor')
   AND merged_at > $1 AND merged_at <= $2
 ORDER BY merged_at, change_key
