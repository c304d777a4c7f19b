-- Every period of the lifecycle signals and activity facts of one repository ($1), for the
-- steward page: each value with the date it started and ended.
SELECT fact, value, since_at, until_at, since_commit FROM repo_facts
 WHERE repo = $1 AND (starts_with(fact, 'ci.') OR starts_with(fact, 'wiki.') OR starts_with(fact, 'gerrit.')
       OR starts_with(fact, 'wmf.') OR starts_with(fact, 'activity.'))
 ORDER BY fact, since_at
