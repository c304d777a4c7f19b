-- Report `zuul_queue_wait`: per Zuul pipeline and UTC day (of enqueue), queue items seen in
-- status.json snapshots and the wait from enqueue to the first job start, in minutes.
-- Items whose jobs never started while observed have no wait and are counted apart.
-- $1 since, $2 until, $3 pipeline, $4 limit.
SELECT pipeline, enqueued_at::DATE AS day,
       count(*) AS items,
       count(wait_s) AS started_items,
       round(median(wait_s) / 60, 2) AS median_wait_min,
       round(quantile_cont(wait_s, 0.9) / 60, 2) AS p90_wait_min,
       round(max(wait_s) / 60, 2) AS max_wait_min
  FROM zuul_queue_items
 WHERE ($1::TIMESTAMP IS NULL OR enqueued_at >= $1::TIMESTAMP)
   AND ($2::TIMESTAMP IS NULL OR enqueued_at < $2::TIMESTAMP)
   AND ($3::VARCHAR IS NULL OR pipeline = $3::VARCHAR)
 GROUP BY ALL
 ORDER BY day DESC, pipeline
 LIMIT $4
