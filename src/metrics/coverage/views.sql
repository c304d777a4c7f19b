-- The store's views and the text that defines them, so a report that reads a view is
-- known to read the tables behind it.
SELECT view_name AS name, sql AS definition FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'
