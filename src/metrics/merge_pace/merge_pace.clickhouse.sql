-- ClickHouse version of merge_pace.sql (same parameters, columns and order).
SELECT project AS repo, toDateTime64(date_trunc('month', merged_at), 3, 'UTC') AS month, toInt32(count(*)) AS merged,
       round(quantileExactInclusive(0.5)(dateDiff('second', created_at, merged_at) / 3600.0), 1) AS median_hours,
       round(quantileExactInclusive(0.8)(dateDiff('second', created_at, merged_at) / 3600.0), 1) AS p80_hours
  FROM changes
 WHERE merged_at IS NOT NULL AND created_at IS NOT NULL AND status = 'merged'
   AND ($1 IS NULL OR project = $1)
   AND ($1 IS NOT NULL OR startsWith(project, 'mediawiki/extensions/') OR startsWith(project, 'mediawiki/skins/'))
   AND ($2 IS NULL OR merged_at >= $2)
   AND ($3 IS NULL OR merged_at < $3)
 GROUP BY ALL
 ORDER BY repo, month
