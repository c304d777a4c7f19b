-- Rules change-owner-author and change-owner-majority: a Gerrit change's owner account and
-- the author email of its commit (same Change-Id, same repository) are one person
--   change-owner-author:   when the account's name and the commit's author name are the
--                          same (case and spacing aside), on any change;
--   change-owner-majority: when over half of the changes whose commit that email authored
--                          are that account's, on at least 3 changes (Gerrit names are wiki
--                          usernames, git names real names: "Marostegui" / "Manuel Arostegui").
-- A change uploaded for someone else (a deployer's cherry-pick, Gerrit Patch Uploader) is
-- one change among the author's many: neither rule holds for it. One row per (account, email).
WITH pairs AS (
  SELECT ch.owner AS a, 'git:' || lower(trim(c.author_email)) AS b, ch.number, c.sha, g.name,
         lower(regexp_replace(trim(g.name), '\s+', ' ', 'g')) = lower(regexp_replace(trim(c.author_name), '\s+', ' ', 'g')) AS same_name
    FROM changes ch
    JOIN commits c ON c.change_id = ch.change_id AND c.repo = ch.project
    JOIN identities g ON g.identity_key = ch.owner
   WHERE ch.owner IS NOT NULL AND ch.change_id IS NOT NULL
     AND c.author_email IS NOT NULL AND trim(c.author_email) <> ''
),
ab AS (
  SELECT a, b, min(number) AS first_change, arg_min(sha, number) AS first_sha, count(DISTINCT number) AS changes,
         min(name) AS name, bool_or(same_name) AS same_name
    FROM pairs GROUP BY a, b
),
per_email AS (SELECT b, sum(changes) AS changes FROM ab GROUP BY b)
SELECT ab.a, ab.b, CASE WHEN ab.same_name THEN 'change-owner-author' ELSE 'change-owner-majority' END AS rule,
       ab.first_change, ab.first_sha, ab.changes, e.changes AS email_changes, ab.name
  FROM ab JOIN per_email e USING (b)
 WHERE ab.same_name OR (ab.changes >= 3 AND ab.changes * 2 > e.changes)
 ORDER BY ab.a, ab.b
