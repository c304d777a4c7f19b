-- The standards facts (manifest, dependencies, files, ESLint, tests) of extension and
-- skin repositories ($1 one repository, or NULL for all), for compliance.
SELECT repo, fact, value, since_at, until_at FROM repo_facts
 WHERE (starts_with(fact, 'manifest.') OR starts_with(fact, 'dep.') OR starts_with(fact, 'file.') OR starts_with(fact, 'eslint.') OR starts_with(fact, 'tests.'))
   AND ($1::VARCHAR IS NULL OR repo = $1)
   AND (starts_with(repo, 'mediawiki/extensions/') OR starts_with(repo, 'mediawiki/skins/'))
 ORDER BY repo, fact, since_at
