-- stale.sql on ClickHouse: formatDateTime for strftime, argMin of a one-element tuple so a
-- NULL evidence or confidence is kept (ClickHouse skips rows whose argument is NULL); the
-- answer's columns are a_* since a ClickHouse alias would shadow the column inside argMin.
-- The links a rule made ($1) that its answer no longer yields as they are, to delete: the
-- answer is the rule's query (filled in for the placeholder below) as one row per (src_key, dst_key), evidence and
-- confidence of the earliest sighting (ties by text), so it does not depend on row order.
SELECT l.src_key AS src_key, l.dst_key AS dst_key
  FROM links l
  LEFT JOIN (
    SELECT src_key, dst_key,
           argMin(tuple(evidence), concat(coalesce(formatDateTime(first_seen_at, '%Y-%m-%dT%H:%i:%S.%f'), '~'), coalesce(evidence, ''), coalesce(confidence, ''))).1 AS a_evidence,
           argMin(tuple(confidence), concat(coalesce(formatDateTime(first_seen_at, '%Y-%m-%dT%H:%i:%S.%f'), '~'), coalesce(evidence, ''), coalesce(confidence, ''))).1 AS a_confidence,
           min(first_seen_at) AS a_first_seen_at
      FROM ({{query}}) q
     GROUP BY src_key, dst_key
  ) a ON a.src_key = l.src_key AND a.dst_key = l.dst_key
 WHERE l.rule = $1 AND l.raw_id IS NULL
   AND (a.src_key IS NULL OR a.a_evidence IS DISTINCT FROM l.evidence OR a.a_confidence IS DISTINCT FROM l.confidence
        OR a.a_first_seen_at IS DISTINCT FROM l.first_seen_at)
