-- ClickHouse version of bug_resolution.sql (same parameters, columns and order). The project
-- of each repository and the slugs of a project are looked up by joins, and a task matches
-- by a filter over repositories × tasks (ClickHouse has no correlated subqueries).
WITH repo_list AS (
  SELECT name AS repo FROM repos WHERE kind IN ('extension', 'skin') AND ($1 IS NULL OR name = $1)
  UNION DISTINCT SELECT assumeNotNull(CAST($1 AS Nullable(String))) WHERE $1 IS NOT NULL
), given AS (
  SELECT splitByChar('=', x)[1] AS repo, any(nullIf(splitByChar('=', x)[2], '')) AS project
    FROM (SELECT arrayJoin(splitByChar(',', coalesce($4, ''))) AS x) GROUP BY repo
), facts AS (
  SELECT repo, any(value) AS project FROM repo_facts
   WHERE fact = 'wiki.phabricator' AND until_at IS NULL AND value IS NOT NULL GROUP BY repo
), norm AS (
  SELECT r.repo AS repo,
         coalesce(g.project, f.project,
                  concat(if(startsWith(r.repo, 'mediawiki/skins/'), 'MediaWiki-skins-', 'MediaWiki-extensions-'), splitByChar('/', r.repo)[3])) AS project,
         lower(replaceAll(project, '_', '-')) AS key
    FROM repo_list r LEFT JOIN given g ON g.repo = r.repo LEFT JOIN facts f ON f.repo = r.repo
), slugs AS (
  SELECT lower(replaceAll(slug, '_', '-')) AS key, groupArray(lower(replaceAll(name, '_', '-'))) AS names
    FROM phab_projects WHERE slug IS NOT NULL AND name IS NOT NULL GROUP BY key
), bugs AS (
  SELECT n.repo AS repo, t.task_key AS task_key, t.created_at AS created_at, t.closed_at AS closed_at, t.status AS status, t.status_class AS status_class
    FROM norm n CROSS JOIN tasks t LEFT JOIN slugs s ON s.key = n.key
   WHERE NOT t.restricted AND t.subtype IN ('bug', 'error')
     AND hasAny(arrayMap(x -> lower(replaceAll(x, '_', '-')), t.projects), arrayConcat([n.key], s.names))
)
SELECT n.repo AS repo, n.project AS project,
       toInt32(countIf(b.task_key IS NOT NULL AND ($2 IS NULL OR b.created_at >= $2) AND ($3 IS NULL OR b.created_at < $3))) AS bugs_created,
       toInt32(countIf(b.task_key IS NOT NULL AND b.status = 'resolved' AND ($2 IS NULL OR b.closed_at >= $2) AND ($3 IS NULL OR b.closed_at < $3))) AS bugs_resolved,
       toInt32(countIf(b.task_key IS NOT NULL AND b.status_class = 'open')) AS bugs_open,
       round(quantileExactInclusiveIf(0.5)(dateDiff('second', b.created_at, b.closed_at) / 86400.0,
             b.status = 'resolved' AND ($2 IS NULL OR b.closed_at >= $2) AND ($3 IS NULL OR b.closed_at < $3)), 1) AS median_days_to_resolve
  FROM norm n LEFT JOIN bugs b ON b.repo = n.repo
 GROUP BY n.repo, n.project
 ORDER BY n.repo
