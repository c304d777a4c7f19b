-- ClickHouse version of steward-signals.sql (same parameter, columns and order).
SELECT fact, value, since_at, until_at, since_commit FROM repo_facts
 WHERE repo = $1 AND (startsWith(fact, 'ci.') OR startsWith(fact, 'wiki.') OR startsWith(fact, 'gerrit.')
       OR startsWith(fact, 'wmf.') OR startsWith(fact, 'activity.'))
 ORDER BY fact, since_at
