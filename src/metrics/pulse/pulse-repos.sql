-- Pulse: the most active repositories of [since, until): changes merged and opened (Gerrit
-- project) and commits landed (git repository, merges left out), joined by name. Ranked by
-- merged changes or commits, whichever is larger (a repository known from both counts each
-- landing once, not twice). $1 since, $2 until, $3 how many.
WITH m AS (
  SELECT project AS repo, count(*) AS merged FROM changes
   WHERE merged_at >= $1 AND merged_at < $2 AND status = 'merged' AND project IS NOT NULL GROUP BY project
), o AS (
  SELECT project AS repo, count(*) AS opened FROM changes
   WHERE created_at >= $1 AND created_at < $2 AND project IS NOT NULL GROUP BY project
), c AS (
  SELECT repo, count(*) AS commits, count(DISTINCT lower(author_email)) AS authors FROM commits
   WHERE committed_at >= $1 AND committed_at < $2 AND NOT coalesce(is_merge, false) GROUP BY repo
), names AS (
  SELECT repo FROM m UNION DISTINCT SELECT repo FROM o UNION DISTINCT SELECT repo FROM c
)
SELECT n.repo AS repo, coalesce(m.merged, 0) AS merged, coalesce(o.opened, 0) AS opened,
       coalesce(c.commits, 0) AS commits, coalesce(c.authors, 0) AS authors
  FROM names n
  LEFT JOIN m ON m.repo = n.repo
  LEFT JOIN o ON o.repo = n.repo
  LEFT JOIN c ON c.repo = n.repo
 ORDER BY greatest(coalesce(m.merged, 0), coalesce(c.commits, 0)) DESC, coalesce(o.opened, 0) DESC, n.repo
 LIMIT $3
