-- Display names for person ids as they appear in rows ($1 = VARCHAR[] of ids): a person
-- key, an identity key (git:<email>, gerrit:<account>, phabricator:PHID-USER-…), a bare
-- PHID or email, or a username / IRC nick. A person's display_name wins over an
-- identity's name; an exact key beats a username match (rank: lower is better).
WITH ids AS (SELECT DISTINCT unnest($1::VARCHAR[]) AS id),
cand AS (
  SELECT ids.id, p.display_name AS name, 0 AS rank
    FROM ids JOIN people p ON p.person_key = ids.id
  UNION ALL
  SELECT ids.id, coalesce(nullif(p.display_name, ''), i.name), 1
    FROM ids JOIN identities i
      ON i.identity_key IN (ids.id, 'phabricator:' || ids.id, 'git:' || ids.id, 'irc:' || ids.id)
    LEFT JOIN people p ON p.person_key = i.person_key
  UNION ALL
  SELECT ids.id, coalesce(nullif(p.display_name, ''), i.name), 2 + CASE i.system WHEN 'irc' THEN 0 WHEN 'phabricator' THEN 1 ELSE 2 END
    FROM ids JOIN identities i ON i.username = ids.id
    LEFT JOIN people p ON p.person_key = i.person_key
)
SELECT id, name, rank FROM cand
 WHERE name IS NOT NULL AND name <> '' AND name <> id
 ORDER BY id, rank, name
