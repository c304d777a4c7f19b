-- Report `dora`: when each change a deployment carried was created and merged (by number,
-- or by Change-Id for a config merge that knows only that), for the backport class's
-- review time.
SELECT change_id, number, project, created_at, merged_at
  FROM changes
 WHERE status = 'merged' AND merged_at IS NOT NULL AND created_at IS NOT NULL
   AND (number IN (SELECT change_number FROM deployment_items WHERE change_number IS NOT NULL)
        OR change_id IN (SELECT change_id FROM deployment_items WHERE change_id IS NOT NULL))
 ORDER BY number
