-- Open tasks of a Phabricator project (names compared case, - and _ aside), newest first.
SELECT task_key, title, subtype, priority_name, status, created_at, owner FROM tasks
 WHERE NOT restricted AND status_class = 'open'
   AND list_contains(list_transform(coalesce(projects, []), x -> lower(replace(x, '_', '-'))), lower(replace($1, '_', '-')))
 ORDER BY created_at DESC LIMIT 50
