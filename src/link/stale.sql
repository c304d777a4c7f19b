-- The links a rule made ($1) that its answer (answer.sql over the rule's query, filled in below)
-- no longer yields as they are: to delete; of the slice of source keys after $2 up to and
-- including $3 (slice.sql; NULL: no bound). The same SQL on both engines.
SELECT l.src_key AS src_key, l.dst_key AS dst_key
  FROM links l
  LEFT JOIN ({{answer}}) a ON a.src_key = l.src_key AND a.dst_key = l.dst_key
 WHERE l.rule = $1 AND l.raw_id IS NULL
   AND ($2 IS NULL OR l.src_key > $2) AND ($3 IS NULL OR l.src_key <= $3)
   AND (a.src_key IS NULL OR a.a_evidence IS DISTINCT FROM l.evidence OR a.a_confidence IS DISTINCT FROM l.confidence
        OR a.a_first_seen_at IS DISTINCT FROM l.first_seen_at)
