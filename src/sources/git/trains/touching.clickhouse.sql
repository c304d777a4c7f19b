-- touching.sql on ClickHouse: arrayFilter and hasAny for list_filter and list_has_any; the
-- filtered list named apart from the column (a ClickHouse alias is visible in WHERE).
SELECT sha, commit_key, parents, committed_at, bug_tasks, arrayFilter(f -> f IN ('wikiversions.json', 'wikiversions.dat'), files) AS touched_files
  FROM commits WHERE repo = $1 AND hasAny(files, ['wikiversions.json', 'wikiversions.dat'])
