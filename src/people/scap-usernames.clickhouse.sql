-- scap-usernames.sql on ClickHouse: regexpExtract for regexp_extract (both answer '' when
-- nothing matches).
SELECT author AS key,
       lower(regexpExtract(message, 'Approved by ([A-Za-z0-9_.-]+)@[A-Za-z0-9.-]+ using scap backport', 1)) AS username,
       min(change_key) AS first_change, count(*) AS votes
  FROM change_messages
 WHERE author IS NOT NULL AND message LIKE '%using scap backport%'
 GROUP BY key, username
HAVING username <> ''
 ORDER BY key, username
