-- ClickHouse version of targets.sql (same columns).
SELECT source, branch, fact, truth, rule, target, since_at, until_at, skip FROM standards_targets
UNION ALL
SELECT 'declared', 'main', fact, 'declared', '=', value, min(since_at), NULL, CAST([] AS Array(String)) FROM repo_facts
 WHERE startsWith(fact, 'dep.') AND value IS NOT NULL
 GROUP BY fact, value
