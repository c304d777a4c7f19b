-- How many joins each rule made, proposed and was kept from, and how many people there are.
SELECT rule, status, count(*) AS joins, sum(len(identity_keys)) AS accounts
  FROM people_merges GROUP BY rule, status ORDER BY rule, status
