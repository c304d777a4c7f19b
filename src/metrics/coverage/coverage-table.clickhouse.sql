-- ClickHouse version of coverage-table.sql (same columns; see there).
SELECT if(raw_id IS NULL, 'derived', splitByChar(':', assumeNotNull(raw_id))[1]) AS source, count(*) AS row_count,
       min({{time}}) AS oldest, max({{time}}) AS newest
  FROM {{table}}
 GROUP BY source
 ORDER BY source
