-- activity-of-repos.sql on ClickHouse: has() for list_contains.
SELECT repo, sha, committed_at, human, raw_id
  FROM (SELECT repo, sha, committed_at, human, raw_id,
               row_number() OVER (PARTITION BY repo, human ORDER BY committed_at DESC, sha DESC) AS n
          FROM repo_activity
         WHERE has($1, repo)) AS x
 WHERE n = 1
