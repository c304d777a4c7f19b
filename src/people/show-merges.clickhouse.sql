-- ClickHouse version of show-merges.sql (same parameter, columns and order).
SELECT m.merge_key AS merge_key, m.rule AS rule, m.status AS status, m.person_key AS person_key,
       m.identity_keys AS identity_keys, m.people_keys AS people_keys, m.evidence AS evidence, m.decision_id AS decision_id
  FROM people_merges m
 WHERE m.person_key = $1 OR has(m.people_keys, $1)
    OR hasAny(m.identity_keys, (SELECT groupArray(identity_key) FROM identities WHERE person_key = $1))
 ORDER BY multiIf(m.status = 'proposed', 0, m.status = 'kept-apart', 1, 2), m.rule, m.merge_key
