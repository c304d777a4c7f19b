-- Joins a rule would make but did not (two people with several accounts each), with the
-- people they would join, their names and account counts ($1 limit).
SELECT m.merge_key, m.rule, m.evidence, m.people_keys,
       (SELECT string_agg(p.display_name || ' (' || p.person_key || ', ' || p.accounts || ' accounts)', '; ' ORDER BY p.person_key)
          FROM people p WHERE list_contains(m.people_keys, p.person_key)) AS people
  FROM people_merges m
 WHERE m.status = 'proposed'
 ORDER BY m.rule, m.merge_key
 LIMIT $1
