-- project-names.sql on ClickHouse: the names in project_phids order by arrayEnumerate and a
-- sorted groupArray (no ordered list()); subquery columns named apart (a ClickHouse alias is
-- visible in the whole query). A list is never NULL here, so != compares.
SELECT t.* REPLACE (m.m_names AS projects)
  FROM tasks t
  JOIN (
    SELECT u.u_task AS m_task, arrayMap(x -> x.2, arraySort(x -> x.1, groupArray((u.u_i, coalesce(p.name, u.u_phid))))) AS m_names
      FROM (SELECT task_key AS u_task, arrayJoin(arrayEnumerate(project_phids)) AS u_i, project_phids[u_i] AS u_phid
              FROM tasks WHERE notEmpty(project_phids)) u
      LEFT JOIN phab_projects p ON p.project_phid = u.u_phid
     GROUP BY u.u_task
  ) m ON m.m_task = t.task_key
 WHERE t.projects != m.m_names
 ORDER BY t.task_key
