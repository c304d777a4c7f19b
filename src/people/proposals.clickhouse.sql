-- ClickHouse version of proposals.sql (same parameter, columns and order).
SELECT m.merge_key AS merge_key, m.rule AS rule, m.evidence AS evidence, m.people_keys AS people_keys, pp.people AS people
  FROM people_merges m
  LEFT JOIN (SELECT mm.merge_key AS mk,
                    arrayStringConcat(arrayMap(x -> x.2, arraySort(groupArray((p.person_key,
                      concat(p.display_name, ' (', p.person_key, ', ', toString(p.accounts), ' accounts)'))))), '; ') AS people
               FROM (SELECT merge_key, arrayJoin(people_keys) AS k FROM people_merges WHERE status = 'proposed') mm
               JOIN people p ON p.person_key = mm.k
              GROUP BY mm.merge_key) pp
    ON pp.mk = m.merge_key
 WHERE m.status = 'proposed'
 ORDER BY m.rule, m.merge_key
 LIMIT $1
SETTINGS join_use_nulls = 1
