-- tasks.projects = project names in the order of tasks.project_phids (the PHID itself
-- when no lookup named it yet). Answers the tasks whose value changes, with it: the rows to write.
SELECT t.* REPLACE (m.names AS projects)
  FROM tasks t
  JOIN (
    SELECT task_key, list(coalesce(p.name, u.phid) ORDER BY u.i) AS names
      FROM (SELECT task_key, unnest(project_phids) AS phid, generate_subscripts(project_phids, 1) AS i
              FROM tasks WHERE len(project_phids) > 0) u
      LEFT JOIN phab_projects p ON p.project_phid = u.phid
     GROUP BY task_key
  ) m
    ON t.task_key = m.task_key
 WHERE t.projects IS DISTINCT FROM m.names
 ORDER BY t.task_key
