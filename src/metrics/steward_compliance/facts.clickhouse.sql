-- ClickHouse version of facts.sql (same parameter, columns and order).
SELECT repo, fact, value, since_at, until_at FROM repo_facts
 WHERE (startsWith(fact, 'manifest.') OR startsWith(fact, 'dep.') OR startsWith(fact, 'file.') OR startsWith(fact, 'eslint.') OR startsWith(fact, 'tests.'))
   AND ($1 IS NULL OR repo = $1)
   AND (startsWith(repo, 'mediawiki/extensions/') OR startsWith(repo, 'mediawiki/skins/'))
 ORDER BY repo, fact, since_at
