-- ClickHouse version of rules.sql (same columns and order).
SELECT rule, status, count() AS joins, sum(length(identity_keys)) AS accounts
  FROM people_merges GROUP BY rule, status ORDER BY rule, status
