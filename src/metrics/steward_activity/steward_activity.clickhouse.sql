-- ClickHouse version of steward_activity.sql (same parameters, columns and order).
WITH commits AS (
  SELECT repo, toDateTime64(date_trunc('month', committed_at), 3, 'UTC') AS month, countIf(human) AS human_commits, countIf(NOT human) AS bot_commits
    FROM repo_activity
   WHERE ($1 IS NULL OR repo = $1)
   GROUP BY ALL
), created AS (
  SELECT project AS repo, toDateTime64(date_trunc('month', created_at), 3, 'UTC') AS month, count(*) AS changes_created
    FROM changes WHERE created_at IS NOT NULL AND ($1 IS NULL OR project = $1) GROUP BY ALL
), merged AS (
  SELECT project AS repo, toDateTime64(date_trunc('month', merged_at), 3, 'UTC') AS month, count(*) AS changes_merged
    FROM changes WHERE merged_at IS NOT NULL AND ($1 IS NULL OR project = $1) GROUP BY ALL
), months AS (
  SELECT repo, month FROM commits UNION DISTINCT SELECT repo, month FROM created UNION DISTINCT SELECT repo, month FROM merged
)
SELECT m.repo AS repo, m.month AS month,
       toInt32(coalesce(c.human_commits, 0)) AS human_commits, toInt32(coalesce(c.bot_commits, 0)) AS bot_commits,
       toInt32(coalesce(cr.changes_created, 0)) AS changes_created, toInt32(coalesce(mg.changes_merged, 0)) AS changes_merged
  FROM months m
  LEFT JOIN commits c ON c.repo = m.repo AND c.month = m.month
  LEFT JOIN created cr ON cr.repo = m.repo AND cr.month = m.month
  LEFT JOIN merged mg ON mg.repo = m.repo AND mg.month = m.month
 WHERE ($2 IS NULL OR m.month >= date_trunc('month', $2))
   AND ($3 IS NULL OR m.month < $3)
   AND (startsWith(m.repo, 'mediawiki/extensions/') OR startsWith(m.repo, 'mediawiki/skins/') OR $1 IS NOT NULL)
 ORDER BY m.repo, m.month
