-- A person's accounts, with how each one joined ($1 person_key).
SELECT i.identity_key, i.system, i.name, i.email, i.username, i.seen_at,
       (SELECT string_agg(m.rule, ' ' ORDER BY m.rule) FROM people_merges m
         WHERE m.status = 'applied' AND m.person_key = i.person_key AND list_contains(m.identity_keys, i.identity_key)) AS joined_by
  FROM identities i
 WHERE i.person_key = $1
 ORDER BY i.system, i.identity_key
