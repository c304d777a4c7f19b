-- Metric `time_to_restore`: per calendar quarter of the outage start, the median (and
-- mean, max) of ended_at − started_at over incidents that have both times, in minutes.
-- Incidents without an end are counted apart. $1 since, $2 until (outage start).
SELECT strftime(date_trunc('quarter', started_at), '%Y') || '-Q' || quarter(started_at) AS quarter,
       count(*) FILTER (WHERE ended_at IS NOT NULL AND ended_at >= started_at) AS incidents,
       round(median(epoch(ended_at - started_at) / 60) FILTER (WHERE ended_at >= started_at), 1) AS median_minutes,
       round(avg(epoch(ended_at - started_at) / 60) FILTER (WHERE ended_at >= started_at), 1) AS mean_minutes,
       round(max(epoch(ended_at - started_at) / 60) FILTER (WHERE ended_at >= started_at), 1) AS max_minutes,
       count(*) FILTER (WHERE ended_at IS NULL) AS without_end
  FROM incidents
 WHERE started_at IS NOT NULL
   AND ($1::TIMESTAMP IS NULL OR started_at >= $1::TIMESTAMP)
   AND ($2::TIMESTAMP IS NULL OR started_at < $2::TIMESTAMP)
 GROUP BY 1
 ORDER BY 1
