-- first-parent.sql on ClickHouse: commits is a MergeTree, so the flag is set by a mutation
-- (awaited: the session runs with mutations_sync).
ALTER TABLE commits UPDATE first_parent = has($2, sha)
 WHERE repo = $1 AND has($3, sha)
