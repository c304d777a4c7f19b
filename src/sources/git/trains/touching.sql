-- The commits of a repository ($1) that touched wikiversions.json or .dat, with those of
-- their files (touched_files): what the train derivation diffs.
SELECT sha, commit_key, parents, committed_at, bug_tasks, list_filter(files, f -> f IN ('wikiversions.json', 'wikiversions.dat')) AS touched_files
  FROM commits WHERE repo = $1 AND list_has_any(files, ['wikiversions.json', 'wikiversions.dat'])
