-- The links of a rule ($1) to write: rows of its answer (answer.sql over the
-- rule's query) with no link of the same key, or whose link the rule made and stale.sql
-- deletes. A link a record made (raw_id set) with the same key is left as it is. Of the slice
-- of source keys after $2 up to and including $3 (slice.sql; NULL: no bound). The same SQL on
-- both engines.
SELECT a.src_key AS src_key, a.dst_key AS dst_key, a.a_evidence AS evidence, a.a_confidence AS confidence, a.a_first_seen_at AS first_seen_at
  FROM ({{answer}}) a
  LEFT JOIN (SELECT src_key, dst_key, evidence, confidence, first_seen_at, raw_id FROM links
                WHERE rule = $1 AND ($2 IS NULL OR src_key > $2) AND ($3 IS NULL OR src_key <= $3)) l
         ON l.src_key = a.src_key AND l.dst_key = a.dst_key
 WHERE l.src_key IS NULL
    OR (l.raw_id IS NULL AND (a.a_evidence IS DISTINCT FROM l.evidence OR a.a_confidence IS DISTINCT FROM l.confidence
                              OR a.a_first_seen_at IS DISTINCT FROM l.first_seen_at))
 ORDER BY a.src_key, a.dst_key
