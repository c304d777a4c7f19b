-- Report `dora`: every train (version) with its group times and the first change made on
-- its wmf/<version> branch (a backport), which proves the branch existed by then. The cut
-- time is the earlier of that and the first roll-forward (membership.ts).
WITH b AS (
  SELECT branch, min(created_at) AS first_at
    FROM changes
   WHERE branch LIKE 'wmf/%' AND created_at IS NOT NULL
   GROUP BY branch
)
SELECT t.version AS version, t.first_rollforward_at AS first_rollforward_at,
       t.group0_at AS group0_at, t.group1_at AS group1_at, t.group2_at AS group2_at,
       t.rollbacks AS rollbacks, b.first_at AS first_branch_change_at
  FROM trains t LEFT JOIN b ON b.branch = concat('wmf/', t.version)
 WHERE t.first_rollforward_at IS NOT NULL
 ORDER BY t.first_rollforward_at, t.version
