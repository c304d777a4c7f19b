-- The links touching any of the keys in $1, both directions (GET /api/tree/:key).
SELECT src_key, dst_key, rule, evidence, confidence, first_seen_at
  FROM links
 WHERE list_contains($1::VARCHAR[], src_key) OR list_contains($1::VARCHAR[], dst_key)
 ORDER BY src_key, dst_key, rule
 LIMIT $2
