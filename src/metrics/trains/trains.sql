-- The train report: one row per MediaWiki version with the figures the git source derives
-- from the wikiversions history (src/sources/git/trains/compute.ts), plus the number of
-- rollback and roll-forward commits seen in train_events.
-- $1/$2: window on the first roll-forward.
SELECT t.version, t.first_rollforward_at, t.last_rollforward_at, t.total_time_s,
       t.rollbacks, t.rollbacks_time_s,
       t.group0_at, t.group1_at, t.group2_at,
       t.group0_delay_days, t.group1_delay_days, t.group2_delay_days, t.total_delay_days,
       t.reached_group2, t.blocker_task,
       (SELECT count(DISTINCT e.commit_key) FROM train_events e
         WHERE e.train_key = t.train_key AND e.kind = 'rollforward')::INTEGER AS rollforward_commits
  FROM trains t
 WHERE ($1::TIMESTAMP IS NULL OR t.first_rollforward_at >= $1::TIMESTAMP)
   AND ($2::TIMESTAMP IS NULL OR t.first_rollforward_at < $2::TIMESTAMP)
 ORDER BY t.first_rollforward_at, t.version
