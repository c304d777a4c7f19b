-- A slice of a link rule's work: the ($2 + 1)-th distinct source key of the rule's answer after
-- the cursor $1 (NULL: from the start), in key order. The slice covers the source keys after $1
-- up to and including this one; no row (fewer keys are left) means the slice runs to the end.
-- The same SQL on both engines.
SELECT src_key
  FROM (SELECT DISTINCT src_key FROM ({{query}}) q WHERE $1 IS NULL OR src_key > $1) k
 ORDER BY src_key
 LIMIT 1 OFFSET $2
