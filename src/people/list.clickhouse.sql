-- ClickHouse version of list.sql (same parameters, columns and order): the proposal count
-- is an aggregate joined by person instead of a correlated subquery.
-- (ClickHouse has no NULL list: systems without a value read as [], so '' reads as NULL here.)
SELECT p.person_key AS person_key, p.display_name AS display_name, p.accounts AS accounts,
       nullIf(arrayStringConcat(p.systems, ' '), '') AS systems, p.bot AS bot, coalesce(pr.n, 0) AS proposals
  FROM people p
  LEFT JOIN (SELECT arrayJoin(people_keys) AS k, count() AS n FROM people_merges WHERE status = 'proposed' GROUP BY k) pr
    ON pr.k = p.person_key
 WHERE ($2 OR p.bot IS NULL)
   AND ($1 IS NULL
        OR p.person_key = $1 OR p.display_name ILIKE concat('%', $1, '%')
        OR p.person_key IN (SELECT person_key FROM identities WHERE person_key IS NOT NULL
                             AND (identity_key ILIKE concat('%', $1, '%') OR username ILIKE $1)))
 ORDER BY p.accounts DESC, p.display_name, p.person_key
 LIMIT $3
SETTINGS join_use_nulls = 1
