-- irc-nicks.sql on ClickHouse: arrayJoin for unnest, the raw nick named apart from the
-- answer's (a ClickHouse alias is visible in the whole query, WHERE included).
WITH nicks AS (
  SELECT deployer AS n_nick, started_at AS n_seen FROM deployments WHERE deployer IS NOT NULL AND deployer NOT LIKE '%:%'
  UNION ALL
  SELECT arrayJoin(deployers), coalesce(opened_at, planned_start) FROM windows WHERE notEmpty(deployers)
  UNION ALL
  SELECT user_name, logged_at FROM log_entries WHERE user_name IS NOT NULL
)
SELECT lower(trim(n_nick)) AS nick, max(n_seen) AS seen_at
  FROM nicks
 WHERE trim(n_nick) <> '' AND n_nick NOT LIKE '% %'
 GROUP BY lower(trim(n_nick))
 ORDER BY nick
