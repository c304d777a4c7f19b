-- A Gerrit account's username and email as Zuul's status states them: an item's owner is
-- the owner of its change (changes.owner), so the account of that change carries them.
SELECT ch.owner AS key, lower(z.owner_username) AS username, lower(z.owner_email) AS email,
       min(ch.number) AS first_change, count(DISTINCT ch.number) AS changes
  FROM zuul_queue_items z
  JOIN changes ch ON ch.change_key = z.change_key
 WHERE ch.owner IS NOT NULL AND (z.owner_username IS NOT NULL OR z.owner_email IS NOT NULL)
 GROUP BY 1, 2, 3
 ORDER BY 1, 2, 3
