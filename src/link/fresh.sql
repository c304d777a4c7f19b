-- The links of a rule ($1) to write: rows of its answer (the query filled in below as in
-- stale.sql) with no link of the same key, or whose link the rule made and stale.sql deletes.
-- A link a record made (raw_id set) with the same key is left as it is.
SELECT a.src_key AS src_key, a.dst_key AS dst_key, a.evidence AS evidence, a.confidence AS confidence, a.first_seen_at AS first_seen_at
  FROM (
    SELECT src_key, dst_key,
           arg_min(evidence, coalesce(strftime(first_seen_at, '%Y-%m-%dT%H:%M:%S.%f'), '~') || coalesce(evidence, '') || coalesce(confidence, '')) AS evidence,
           arg_min(confidence, coalesce(strftime(first_seen_at, '%Y-%m-%dT%H:%M:%S.%f'), '~') || coalesce(evidence, '') || coalesce(confidence, '')) AS confidence,
           min(first_seen_at) AS first_seen_at
      FROM ({{query}}) q
     GROUP BY src_key, dst_key
  ) a
  LEFT JOIN (SELECT src_key, dst_key, evidence, confidence, first_seen_at, raw_id FROM links WHERE rule = $1) l
         ON l.src_key = a.src_key AND l.dst_key = a.dst_key
 WHERE l.src_key IS NULL
    OR (l.raw_id IS NULL AND (a.evidence IS DISTINCT FROM l.evidence OR a.confidence IS DISTINCT FROM l.confidence
                              OR a.first_seen_at IS DISTINCT FROM l.first_seen_at))
 ORDER BY a.src_key, a.dst_key
