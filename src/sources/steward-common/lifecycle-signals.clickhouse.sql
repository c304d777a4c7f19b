-- lifecycle-signals.sql on ClickHouse: has/startsWith/if for the DuckDB spellings.
SELECT repo, fact, value, since_at, NULL AS human_at, NULL AS bot_at
  FROM repo_facts
 WHERE has($1, fact)
   AND (startsWith(repo, 'mediawiki/extensions/') OR startsWith(repo, 'mediawiki/skins/'))
UNION ALL
SELECT repo, NULL, NULL, NULL,
       max(if(human, committed_at, NULL)), max(if(NOT human, committed_at, NULL))
  FROM repo_activity
 GROUP BY repo
