-- The train page: the trains row of a version ($1).
SELECT version, first_rollforward_at, last_rollforward_at, group0_at, group1_at, group2_at,
       rollbacks, rollbacks_time_s, reached_group2, blocker_task, total_delay_days
  FROM trains WHERE version = $1
