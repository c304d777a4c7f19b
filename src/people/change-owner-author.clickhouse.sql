-- change-owner-author.sql on ClickHouse: the same rows; every subquery column named apart
-- from the columns it comes from (a ClickHouse alias is visible in the whole query),
-- replaceRegexpAll, argMin and max for regexp_replace, arg_min and bool_or.
WITH pairs AS (
  SELECT ch.owner AS p_a, concat('git:', lower(trim(c.author_email))) AS p_b, ch.number AS p_number, c.sha AS p_sha, g.name AS p_name,
         lower(replaceRegexpAll(trim(g.name), '\\s+', ' ')) = lower(replaceRegexpAll(trim(c.author_name), '\\s+', ' ')) AS p_same
    FROM changes ch
    JOIN commits c ON c.change_id = ch.change_id AND c.repo = ch.project
    JOIN identities g ON g.identity_key = ch.owner
   WHERE ch.owner IS NOT NULL AND ch.change_id IS NOT NULL
     AND c.author_email IS NOT NULL AND trim(c.author_email) <> ''
),
ab AS (
  SELECT p_a AS ab_a, p_b AS ab_b, min(p_number) AS first_change, argMin(p_sha, p_number) AS first_sha, count(DISTINCT p_number) AS ab_changes,
         min(p_name) AS ab_name, max(p_same) AS ab_same
    FROM pairs GROUP BY p_a, p_b
),
per_email AS (SELECT ab_b AS e_b, sum(ab_changes) AS e_changes FROM ab GROUP BY ab_b)
SELECT ab.ab_a AS a, ab.ab_b AS b, if(ab.ab_same, 'change-owner-author', 'change-owner-majority') AS rule,
       ab.first_change AS first_change, ab.first_sha AS first_sha, ab.ab_changes AS changes, e.e_changes AS email_changes, ab.ab_name AS name
  FROM ab JOIN per_email e ON e.e_b = ab.ab_b
 WHERE ab.ab_same OR (ab.ab_changes >= 3 AND ab.ab_changes * 2 > e.e_changes)
 ORDER BY a, b
