-- ClickHouse version of tree-edges.sql (same parameters, columns and order). The union is a
-- subquery: ClickHouse applies an ORDER BY written after a UNION to its last SELECT only.
SELECT * FROM (
  SELECT src_key, dst_key, rule, evidence, confidence, first_seen_at FROM links WHERE src_key IN (SELECT arrayJoin($1))
  UNION DISTINCT
  SELECT src_key, dst_key, rule, evidence, confidence, first_seen_at FROM links WHERE dst_key IN (SELECT arrayJoin($1))
)
ORDER BY src_key, dst_key, rule
LIMIT $2
