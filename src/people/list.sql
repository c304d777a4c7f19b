-- People, most accounts first ($1 name/key/account filter or NULL, $2 include bots, $3 limit).
SELECT p.person_key, p.display_name, p.accounts, array_to_string(p.systems, ' ') AS systems, p.bot,
       (SELECT count(*) FROM people_merges m WHERE m.status = 'proposed' AND list_contains(m.people_keys, p.person_key)) AS proposals
  FROM people p
 WHERE ($2::BOOLEAN OR p.bot IS NULL)
   AND ($1::VARCHAR IS NULL
        OR p.person_key = $1 OR p.display_name ILIKE '%' || $1 || '%'
        OR EXISTS (SELECT 1 FROM identities i WHERE i.person_key = p.person_key AND (i.identity_key ILIKE '%' || $1 || '%' OR i.username ILIKE $1)))
 ORDER BY p.accounts DESC, p.display_name, p.person_key
 LIMIT $3
