-- ClickHouse version of people-names.sql (same parameter, columns and order): the identity
-- lookup by any of four keys is four equality joins (ClickHouse joins on equalities).
WITH ids AS (SELECT DISTINCT arrayJoin(CAST($1 AS Array(String))) AS id),
keyed AS (
  SELECT id, arrayJoin([id, concat('phabricator:', id), concat('git:', id), concat('irc:', id)]) AS identity_key FROM ids
),
cand AS (
  SELECT ids.id AS id, p.display_name AS name, 0 AS rank
    FROM ids JOIN people p ON p.person_key = ids.id
  UNION ALL
  SELECT k.id, coalesce(nullIf(p.display_name, ''), i.name), 1
    FROM keyed k JOIN identities i ON i.identity_key = k.identity_key
    LEFT JOIN people p ON p.person_key = i.person_key
  UNION ALL
  SELECT ids.id, coalesce(nullIf(p.display_name, ''), i.name), 2 + multiIf(i.system = 'irc', 0, i.system = 'phabricator', 1, 2)
    FROM ids JOIN identities i ON i.username = ids.id
    LEFT JOIN people p ON p.person_key = i.person_key
)
SELECT id, name, rank FROM cand
 WHERE name IS NOT NULL AND name != '' AND name != id
 ORDER BY id, rank, name
