-- The signal facts of the lifecycle (current and past periods) of extension and skin
-- repositories, and each one's last human and last bot commit from repo_activity.
SELECT repo, fact, value, since_at, NULL::TIMESTAMP AS human_at, NULL::TIMESTAMP AS bot_at
  FROM repo_facts
 WHERE list_contains($1::VARCHAR[], fact)
   AND (starts_with(repo, 'mediawiki/extensions/') OR starts_with(repo, 'mediawiki/skins/'))
UNION ALL
SELECT repo, NULL, NULL, NULL,
       max(CASE WHEN human THEN committed_at END), max(CASE WHEN NOT human THEN committed_at END)
  FROM repo_activity
 GROUP BY repo
