-- IRC/SAL nicks as accounts (system irc): the deployers of SAL, workflow and calendar
-- deployments, the planned deployers of windows and the SAL's users. A deployer given as
-- an identity key (git:<email>, from config merges) is that account already.
WITH nicks AS (
  SELECT deployer AS nick, started_at AS seen FROM deployments WHERE deployer IS NOT NULL AND deployer NOT LIKE '%:%'
  UNION ALL
  SELECT unnest(deployers), coalesce(opened_at, planned_start) FROM windows WHERE deployers IS NOT NULL
  UNION ALL
  SELECT user_name, logged_at FROM log_entries WHERE user_name IS NOT NULL
)
SELECT lower(trim(nick)) AS nick, max(seen) AS seen_at
  FROM nicks
 WHERE trim(nick) <> '' AND nick NOT LIKE '% %'
 GROUP BY 1
 ORDER BY 1
