-- The links a rule made ($1) that its answer no longer yields as they are, to delete: the
-- answer is the rule's query (filled in for the placeholder below) as one row per (src_key, dst_key), evidence and
-- confidence of the earliest sighting (ties by text), so it does not depend on row order.
SELECT l.src_key AS src_key, l.dst_key AS dst_key
  FROM links l
  LEFT JOIN (
    SELECT src_key, dst_key,
           arg_min(evidence, coalesce(strftime(first_seen_at, '%Y-%m-%dT%H:%M:%S.%f'), '~') || coalesce(evidence, '') || coalesce(confidence, '')) AS evidence,
           arg_min(confidence, coalesce(strftime(first_seen_at, '%Y-%m-%dT%H:%M:%S.%f'), '~') || coalesce(evidence, '') || coalesce(confidence, '')) AS confidence,
           min(first_seen_at) AS first_seen_at
      FROM ({{query}}) q
     GROUP BY src_key, dst_key
  ) a ON a.src_key = l.src_key AND a.dst_key = l.dst_key
 WHERE l.rule = $1 AND l.raw_id IS NULL
   AND (a.src_key IS NULL OR a.evidence IS DISTINCT FROM l.evidence OR a.confidence IS DISTINCT FROM l.confidence
        OR a.first_seen_at IS DISTINCT FROM l.first_seen_at)
