-- The columns of the store's tables and views, in order, with their types as DuckDB names
-- them (VARCHAR, TIMESTAMP, BIGINT, VARCHAR[] …): what GET /api/tables lists and what the
-- list and explore queries check a request's column names against.
SELECT table_name, column_name, data_type FROM information_schema.columns
 WHERE table_schema = 'main' ORDER BY table_name, ordinal_position
