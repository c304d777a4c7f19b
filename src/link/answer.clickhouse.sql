-- answer.sql on ClickHouse: formatDateTime for strftime, and argMin of a one-element tuple so
-- a NULL evidence or confidence is kept (ClickHouse skips rows whose argument is NULL).
SELECT src_key, dst_key,
       argMin(tuple(evidence), concat(coalesce(formatDateTime(first_seen_at, '%Y-%m-%dT%H:%i:%S.%f'), '~'), coalesce(evidence, ''), coalesce(confidence, ''))).1 AS a_evidence,
       argMin(tuple(confidence), concat(coalesce(formatDateTime(first_seen_at, '%Y-%m-%dT%H:%i:%S.%f'), '~'), coalesce(evidence, ''), coalesce(confidence, ''))).1 AS a_confidence,
       min(first_seen_at) AS a_first_seen_at
  FROM ({{query}}) q
 GROUP BY src_key, dst_key
