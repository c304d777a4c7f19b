-- stale-rows.sql on ClickHouse: startsWith and splitByChar.
startsWith(deploy_key, 'deploy:sal:') AND {{column}} NOT IN (SELECT arrayJoin(splitByChar('\n', $1)))
