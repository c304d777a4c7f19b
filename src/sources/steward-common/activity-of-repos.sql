-- The newest human and the newest bot commit of each given repository ($1).
SELECT repo, sha, committed_at, human, raw_id
  FROM (SELECT repo, sha, committed_at, human, raw_id,
               row_number() OVER (PARTITION BY repo, human ORDER BY committed_at DESC, sha DESC) AS n
          FROM repo_activity
         WHERE list_contains($1::VARCHAR[], repo)) AS x
 WHERE n = 1
