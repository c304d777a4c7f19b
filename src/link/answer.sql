-- A link rule's answer (its own .sql, filled in for the placeholder below) as one row per (src_key, dst_key):
-- evidence and confidence of the earliest sighting, ties by text, so the answer does not
-- depend on the order rows arrived in. Columns a_* (a ClickHouse alias would shadow the
-- column of the same name inside its aggregate; the variant keeps the names alike).
SELECT src_key, dst_key,
       arg_min(evidence, coalesce(strftime(first_seen_at, '%Y-%m-%dT%H:%M:%S.%f'), '~') || coalesce(evidence, '') || coalesce(confidence, '')) AS a_evidence,
       arg_min(confidence, coalesce(strftime(first_seen_at, '%Y-%m-%dT%H:%M:%S.%f'), '~') || coalesce(evidence, '') || coalesce(confidence, '')) AS a_confidence,
       min(first_seen_at) AS a_first_seen_at
  FROM ({{query}}) q
 GROUP BY src_key, dst_key
