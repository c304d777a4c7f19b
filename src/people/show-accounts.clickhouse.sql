-- ClickHouse version of show-accounts.sql (same parameter, columns and order).
SELECT i.identity_key AS identity_key, i.system AS system, i.name AS name, i.email AS email,
       i.username AS username, i.seen_at AS seen_at, j.joined_by AS joined_by
  FROM identities i
  LEFT JOIN (SELECT person_key, k, arrayStringConcat(arraySort(groupArray(rule)), ' ') AS joined_by
               FROM (SELECT person_key, rule, arrayJoin(identity_keys) AS k FROM people_merges WHERE status = 'applied' AND person_key = $1)
              GROUP BY person_key, k) j
    ON j.person_key = i.person_key AND j.k = i.identity_key
 WHERE i.person_key = $1
 ORDER BY i.system, i.identity_key
SETTINGS join_use_nulls = 1
