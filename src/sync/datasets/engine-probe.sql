-- Answers on DuckDB only: datasets are created with DuckDB's file readers and DDL.
SELECT count(*) AS n FROM duckdb_settings() WHERE name = 'threads'
