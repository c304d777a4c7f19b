-- Pulse, the headline figures of [since, until) as one row: each figure counts the events
-- of its own table by that table's event time (docs/metrics/pulse.md). $1 since, $2 until.
-- Deploys recorded by both `shiplog deploy` and the SAL (view deploy_twins) count once.
SELECT
  (SELECT count(*) FROM changes WHERE merged_at >= $1 AND merged_at < $2 AND status = 'merged') AS changes_merged,
  (SELECT count(*) FROM changes WHERE created_at >= $1 AND created_at < $2) AS changes_opened,
  (SELECT count(*) FROM changes WHERE abandoned_at >= $1 AND abandoned_at < $2) AS changes_abandoned,
  (SELECT count(*) FROM commits WHERE committed_at >= $1 AND committed_at < $2 AND is_merge) AS merge_commits,
  (SELECT count(*) FROM commits WHERE committed_at >= $1 AND committed_at < $2 AND NOT coalesce(is_merge, false)) AS commits,
  (SELECT count(*) FROM tasks WHERE created_at >= $1 AND created_at < $2) AS tasks_opened,
  (SELECT count(*) FROM tasks WHERE closed_at >= $1 AND closed_at < $2) AS tasks_closed,
  (SELECT count(*) FROM train_events WHERE occurred_at >= $1 AND occurred_at < $2 AND kind = 'rollforward') AS promotions,
  (SELECT count(DISTINCT version) FROM train_events WHERE occurred_at >= $1 AND occurred_at < $2 AND kind = 'rollforward') AS trains,
  (SELECT count(*) FROM train_events WHERE occurred_at >= $1 AND occurred_at < $2 AND kind = 'rollback') AS rollbacks,
  (SELECT count(DISTINCT version) FROM train_events WHERE occurred_at >= $1 AND occurred_at < $2 AND kind = 'rollback') AS trains_rolled_back,
  (SELECT count(*) FROM incidents WHERE started_at >= $1 AND started_at < $2) AS incidents
