-- The columns of a user dataset table with their types ($1 the table name), in order.
SELECT column_name AS name, data_type AS type
  FROM duckdb_columns()
 WHERE schema_name = 'main' AND table_name = $1
 ORDER BY column_index
