-- A Gerrit account's shell username, as scap backport states it: the deployer's own
-- account votes Code-Review+2 with "Approved by <user>@<deploy host> using scap backport".
SELECT author AS key,
       lower(regexp_extract(message, 'Approved by ([A-Za-z0-9_.-]+)@[A-Za-z0-9.-]+ using scap backport', 1)) AS username,
       min(change_key) AS first_change, count(*) AS votes
  FROM change_messages
 WHERE author IS NOT NULL AND message LIKE '%using scap backport%'
 GROUP BY 1, 2
HAVING username <> ''
 ORDER BY 1, 2
