-- Data coverage of a table without raw_id (coverage-table.sql otherwise): every row counted
-- under 'derived'.
SELECT 'derived' AS source, count(*) AS row_count, min({{time}}) AS oldest, max({{time}}) AS newest
  FROM {{table}}
 HAVING count(*) > 0
