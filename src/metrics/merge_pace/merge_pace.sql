-- Merge pace per repository and UTC month of the merge: changes merged, and the median and
-- p80 hours from creation to merge. $1 repository or NULL (every extension and skin);
-- $2/$3 since/until on merged_at.
SELECT project AS repo, date_trunc('month', merged_at) AS month, count(*)::INTEGER AS merged,
       round(median(date_diff('second', created_at, merged_at) / 3600.0), 1) AS median_hours,
       round(quantile_cont(date_diff('second', created_at, merged_at) / 3600.0, 0.8), 1) AS p80_hours
  FROM changes
 WHERE merged_at IS NOT NULL AND created_at IS NOT NULL AND status = 'merged'
   AND ($1::VARCHAR IS NULL OR project = $1)
   AND ($1::VARCHAR IS NOT NULL OR starts_with(project, 'mediawiki/extensions/') OR starts_with(project, 'mediawiki/skins/'))
   AND ($2::TIMESTAMP IS NULL OR merged_at >= $2::TIMESTAMP)
   AND ($3::TIMESTAMP IS NULL OR merged_at < $3::TIMESTAMP)
 GROUP BY ALL
 ORDER BY repo, month
