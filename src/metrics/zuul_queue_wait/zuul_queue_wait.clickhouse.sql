-- ClickHouse version of zuul_queue_wait.sql (same parameters, columns and order).
SELECT pipeline, toDate(enqueued_at) AS day,
       count(*) AS items,
       count(wait_s) AS started_items,
       round(quantileExactInclusive(0.5)(wait_s) / 60, 2) AS median_wait_min,
       round(quantileExactInclusive(0.9)(wait_s) / 60, 2) AS p90_wait_min,
       round(max(wait_s) / 60, 2) AS max_wait_min
  FROM zuul_queue_items
 WHERE ($1 IS NULL OR enqueued_at >= $1)
   AND ($2 IS NULL OR enqueued_at < $2)
   AND ($3 IS NULL OR pipeline = $3)
 GROUP BY ALL
 ORDER BY day DESC, pipeline
 LIMIT $4
