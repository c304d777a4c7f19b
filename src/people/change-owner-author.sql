-- Rule change-owner-author: a Gerrit change's owner and the author of its commit (same
-- Change-Id, same repository) are one person when the account's name and the commit's
-- author name are the same (case and spacing aside). One row per (account, email).
WITH pairs AS (
  SELECT ch.owner AS a, 'git:' || lower(trim(c.author_email)) AS b, ch.number, c.sha, g.name
    FROM changes ch
    JOIN commits c ON c.change_id = ch.change_id AND c.repo = ch.project
    JOIN identities g ON g.identity_key = ch.owner
   WHERE ch.owner IS NOT NULL AND ch.change_id IS NOT NULL
     AND c.author_email IS NOT NULL AND trim(c.author_email) <> ''
     AND g.name IS NOT NULL
     AND lower(regexp_replace(trim(g.name), '\s+', ' ', 'g')) = lower(regexp_replace(trim(c.author_name), '\s+', ' ', 'g'))
)
SELECT a, b, min(number) AS first_change, arg_min(sha, number) AS first_sha, count(DISTINCT number) AS changes, min(name) AS name
  FROM pairs
 GROUP BY a, b
 ORDER BY a, b
