-- tasks.projects = project names in the order of tasks.project_phids (the PHID itself
-- when no lookup named it yet). Only rows whose value changes are written.
UPDATE tasks SET projects = m.names
  FROM (
    SELECT task_key, list(coalesce(p.name, u.phid) ORDER BY u.i) AS names
      FROM (SELECT task_key, unnest(project_phids) AS phid, generate_subscripts(project_phids, 1) AS i
              FROM tasks WHERE len(project_phids) > 0) u
      LEFT JOIN phab_projects p ON p.project_phid = u.phid
     GROUP BY task_key
  ) m
 WHERE tasks.task_key = m.task_key AND tasks.projects IS DISTINCT FROM m.names
