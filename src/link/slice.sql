-- A link rule's query (filled in below) cut to one slice of source keys: after $2 (NULL: from
-- the start) up to and including $3 (NULL: to the end). The same SQL on both engines.
SELECT * FROM ({{query}}) q_all WHERE ($2 IS NULL OR src_key > $2) AND ($3 IS NULL OR src_key <= $3)
