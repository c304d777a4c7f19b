-- Bugs of each extension's or skin's Phabricator project: the project from the
-- repository's {{Extension|phabricator=}} fact (current value), else $4 (a repo=project
-- list), else the convention MediaWiki-extensions-<Name> / MediaWiki-skins-<Name>; a task
-- belongs when one of its project names (or slugs) matches, case and -/_ aside. Bugs are
-- subtype bug or error. $1 repository or NULL; $2/$3 window on creation and resolution.
WITH repos AS (
  SELECT name AS repo FROM repos WHERE kind IN ('extension', 'skin') AND ($1::VARCHAR IS NULL OR name = $1)
  UNION SELECT $1::VARCHAR WHERE $1::VARCHAR IS NOT NULL
), mapped AS (
  SELECT r.repo,
         coalesce(
           (SELECT list_extract(string_split(x, '='), 2) FROM unnest(string_split(coalesce($4::VARCHAR, ''), ',')) AS u(x) WHERE list_extract(string_split(x, '='), 1) = r.repo LIMIT 1),
           (SELECT value FROM repo_facts f WHERE f.repo = r.repo AND f.fact = 'wiki.phabricator' AND f.until_at IS NULL AND f.value IS NOT NULL LIMIT 1),
           CASE WHEN starts_with(r.repo, 'mediawiki/skins/') THEN 'MediaWiki-skins-' ELSE 'MediaWiki-extensions-' END || split_part(r.repo, '/', 3)
         ) AS project
    FROM repos r
), norm AS (SELECT repo, project, lower(replace(project, '_', '-')) AS key FROM mapped),
bugs AS (
  SELECT n.repo, n.project, t.task_key, t.created_at, t.closed_at, t.status, t.status_class
    FROM norm n JOIN tasks t ON list_has_any(
           list_transform(coalesce(t.projects, []), x -> lower(replace(x, '_', '-'))),
           [n.key] || coalesce((SELECT list(lower(replace(p.name, '_', '-'))) FROM phab_projects p WHERE lower(replace(p.slug, '_', '-')) = n.key), []))
   WHERE NOT t.restricted AND t.subtype IN ('bug', 'error')
)
SELECT n.repo, n.project,
       count(b.task_key) FILTER (WHERE ($2::TIMESTAMP IS NULL OR b.created_at >= $2::TIMESTAMP) AND ($3::TIMESTAMP IS NULL OR b.created_at < $3::TIMESTAMP))::INTEGER AS bugs_created,
       count(b.task_key) FILTER (WHERE b.status = 'resolved' AND ($2::TIMESTAMP IS NULL OR b.closed_at >= $2::TIMESTAMP) AND ($3::TIMESTAMP IS NULL OR b.closed_at < $3::TIMESTAMP))::INTEGER AS bugs_resolved,
       count(b.task_key) FILTER (WHERE b.status_class = 'open')::INTEGER AS bugs_open,
       round(median(date_diff('second', b.created_at, b.closed_at) / 86400.0) FILTER (WHERE b.status = 'resolved' AND ($2::TIMESTAMP IS NULL OR b.closed_at >= $2::TIMESTAMP) AND ($3::TIMESTAMP IS NULL OR b.closed_at < $3::TIMESTAMP)), 1) AS median_days_to_resolve
  FROM norm n LEFT JOIN bugs b USING (repo)
 GROUP BY n.repo, n.project
 ORDER BY n.repo
