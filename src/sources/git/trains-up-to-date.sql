-- The newest wikiversions record of a repository ($1) and the newest one its stored
-- train_events (commit keys starting with $2) come from: equal when trains need no redo.
SELECT (SELECT max(seq) FROM raw_records WHERE source = 'git' AND scope = $1 AND kind = 'wikiversions') AS newest,
       (SELECT max(r.seq) FROM train_events e JOIN raw_records r ON r.raw_id = e.raw_id WHERE left(e.commit_key, length($2)) = $2) AS derived
