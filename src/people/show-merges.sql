-- The joins, proposals and splits that concern a person ($1 person_key).
SELECT m.merge_key, m.rule, m.status, m.person_key, m.identity_keys, m.people_keys, m.evidence, m.decision_id
  FROM people_merges m
 WHERE m.person_key = $1 OR list_contains(m.people_keys, $1)
    OR EXISTS (SELECT 1 FROM identities i WHERE i.person_key = $1 AND list_contains(m.identity_keys, i.identity_key))
 ORDER BY CASE m.status WHEN 'proposed' THEN 0 WHEN 'kept-apart' THEN 1 ELSE 2 END, m.rule, m.merge_key
