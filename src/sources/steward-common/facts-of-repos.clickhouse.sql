-- facts-of-repos.sql on ClickHouse: has/arrayExists for the list functions; a NULL $1
-- (every repository) becomes a list of the row's own repository.
SELECT repo, fact, value, since_at, since_commit, until_at, definition_version, raw_id
  FROM repo_facts
 WHERE has(coalesce($1, [repo]), repo)
   AND arrayExists(p -> startsWith(fact, p), $2)
