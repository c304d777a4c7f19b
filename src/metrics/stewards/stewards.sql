-- Stewards of each extension and skin: the Developers/Maintainers row naming it (steward
-- team, individual maintainers, consulted, informed) and the {{Extension|maintainer=}}
-- value in force. $1 repository or NULL.
WITH wiki AS (
  SELECT repo, value AS wiki_maintainer FROM repo_facts WHERE fact = 'wiki.maintainer' AND until_at IS NULL AND value IS NOT NULL
), rows AS (
  SELECT repo, component, steward_team, maintainers, consulted, informed, page, since_at FROM stewards WHERE repo IS NOT NULL
)
SELECT coalesce(r.repo, w.repo) AS repo, r.component, r.steward_team, r.maintainers, w.wiki_maintainer, r.consulted, r.informed, r.page, r.since_at
  FROM rows r FULL JOIN wiki w USING (repo)
 WHERE ($1::VARCHAR IS NULL OR coalesce(r.repo, w.repo) = $1)
 ORDER BY 1
