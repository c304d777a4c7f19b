-- rows-of-source.sql on ClickHouse: startsWith.
startsWith(raw_id, $1)
