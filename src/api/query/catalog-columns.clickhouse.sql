-- ClickHouse version of catalog-columns.sql: the columns of the database's tables and views
-- with their types named as DuckDB names them, so the API lists the same types on both
-- engines (Nullable and LowCardinality are storage details, lists are VARCHAR[] / BIGINT[]).
WITH c AS (
  SELECT table, name, position,
         replaceRegexpAll(replaceRegexpAll(type, '(LowCardinality|Nullable)\\(', ''), '\\)+$', '') AS t,
         startsWith(type, 'Array(') AS list
    FROM system.columns
   WHERE database = currentDatabase() AND NOT endsWith(table, '__versions') AND NOT startsWith(table, '_')
)
SELECT table AS table_name, name AS column_name,
       concat(multiIf(startsWith(replaceOne(t, 'Array(', ''), 'String'), 'VARCHAR',
                      startsWith(replaceOne(t, 'Array(', ''), 'DateTime'), 'TIMESTAMP',
                      startsWith(replaceOne(t, 'Array(', ''), 'Date'), 'DATE',
                      startsWith(replaceOne(t, 'Array(', ''), 'Int64'), 'BIGINT',
                      startsWith(replaceOne(t, 'Array(', ''), 'Int32'), 'INTEGER',
                      startsWith(replaceOne(t, 'Array(', ''), 'UInt64'), 'UBIGINT',
                      startsWith(replaceOne(t, 'Array(', ''), 'Float64'), 'DOUBLE',
                      startsWith(replaceOne(t, 'Array(', ''), 'Bool'), 'BOOLEAN',
                      upper(t)), if(list, '[]', '')) AS data_type
  FROM c
 ORDER BY table_name, position
