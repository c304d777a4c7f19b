-- Who does the work of each repository, for the absence factor: human commits per author
-- (repo_activity, by email) and Code-Review +2 votes per voter (on the repository's
-- changes, bots excluded by $3) in the 12 and 24 months before $2. $1 repository or NULL.
WITH commits AS (
  SELECT repo, w.months, 'commits' AS kind, lower(coalesce(author_email, author_name)) AS who, count(*) AS n
    FROM repo_activity, (VALUES (12), (24)) AS w(months)
   WHERE human AND ($1::VARCHAR IS NULL OR repo = $1)
     AND committed_at < $2::TIMESTAMP AND committed_at >= $2::TIMESTAMP - to_months(w.months)
   GROUP BY ALL
), plus2 AS (
  SELECT c.project AS repo, w.months, '+2' AS kind, v.voter AS who, count(*) AS n
    FROM votes v JOIN changes c USING (change_key) LEFT JOIN identities i ON i.identity_key = v.voter,
         (VALUES (12), (24)) AS w(months)
   WHERE v.label = 'Code-Review' AND v.value = 2 AND NOT coalesce(v.removed, false)
     AND ($1::VARCHAR IS NULL OR c.project = $1)
     AND ($1::VARCHAR IS NOT NULL OR starts_with(c.project, 'mediawiki/extensions/') OR starts_with(c.project, 'mediawiki/skins/'))
     AND v.voted_at < $2::TIMESTAMP AND v.voted_at >= $2::TIMESTAMP - to_months(w.months)
     AND NOT regexp_matches(lower(coalesce(i.name, '') || ' ' || coalesce(i.username, '') || ' ' || v.voter), $3)
   GROUP BY ALL
)
SELECT * FROM commits UNION ALL SELECT * FROM plus2
