-- Every repo_facts row of the given repositories whose fact starts with one of the given
-- prefixes ($1: repositories, NULL for all; $2: prefixes), for the periods pass.
SELECT repo, fact, value, since_at, since_commit, until_at, definition_version, raw_id
  FROM repo_facts
 WHERE ($1::VARCHAR[] IS NULL OR list_contains($1::VARCHAR[], repo))
   AND len(list_filter($2::VARCHAR[], p -> starts_with(fact, p))) > 0
