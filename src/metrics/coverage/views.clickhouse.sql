-- ClickHouse version of views.sql.
SELECT name, create_table_query AS definition FROM system.tables WHERE database = currentDatabase() AND engine = 'View'
