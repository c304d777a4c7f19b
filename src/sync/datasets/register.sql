-- The datasets, as status and GET /api/datasets list them.
SELECT name, table_name, columns, row_count, files, rejected, last_raw_id, last_file, format, created_at, updated_at
  FROM datasets
 ORDER BY name
