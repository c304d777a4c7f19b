-- Every standards target (LibUp's and standards.yaml's), then each dependency version the
-- fleet declared with the first time it was declared (for the "newest known version" of
-- the latest truth).
SELECT source, branch, fact, truth, rule, target, since_at, until_at, skip FROM standards_targets
UNION ALL
SELECT 'declared', 'main', fact, 'declared', '=', value, min(since_at), NULL, NULL FROM repo_facts
 WHERE starts_with(fact, 'dep.') AND value IS NOT NULL
 GROUP BY fact, value
