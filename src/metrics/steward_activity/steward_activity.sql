-- Activity of extension and skin repositories per month (UTC): first-parent commits by
-- humans and by bots only (repo_activity), Gerrit changes created and merged (changes,
-- by project). $1 repository or NULL for all; $2/$3 since/until on the month's start.
WITH commits AS (
  SELECT repo, date_trunc('month', committed_at) AS month,
         count(*) FILTER (WHERE human) AS human_commits, count(*) FILTER (WHERE NOT human) AS bot_commits
    FROM repo_activity
   WHERE ($1::VARCHAR IS NULL OR repo = $1)
   GROUP BY ALL
), created AS (
  SELECT project AS repo, date_trunc('month', created_at) AS month, count(*) AS changes_created
    FROM changes WHERE created_at IS NOT NULL AND ($1::VARCHAR IS NULL OR project = $1) GROUP BY ALL
), merged AS (
  SELECT project AS repo, date_trunc('month', merged_at) AS month, count(*) AS changes_merged
    FROM changes WHERE merged_at IS NOT NULL AND ($1::VARCHAR IS NULL OR project = $1) GROUP BY ALL
), months AS (
  SELECT repo, month FROM commits UNION SELECT repo, month FROM created UNION SELECT repo, month FROM merged
)
SELECT m.repo, m.month,
       coalesce(c.human_commits, 0)::INTEGER AS human_commits, coalesce(c.bot_commits, 0)::INTEGER AS bot_commits,
       coalesce(cr.changes_created, 0)::INTEGER AS changes_created, coalesce(mg.changes_merged, 0)::INTEGER AS changes_merged
  FROM months m
  LEFT JOIN commits c USING (repo, month) LEFT JOIN created cr USING (repo, month) LEFT JOIN merged mg USING (repo, month)
 WHERE ($2::TIMESTAMP IS NULL OR m.month >= date_trunc('month', $2::TIMESTAMP))
   AND ($3::TIMESTAMP IS NULL OR m.month < $3::TIMESTAMP)
   AND (starts_with(m.repo, 'mediawiki/extensions/') OR starts_with(m.repo, 'mediawiki/skins/') OR $1::VARCHAR IS NOT NULL)
 ORDER BY m.repo, m.month
