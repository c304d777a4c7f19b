-- The train page: every roll-forward and rollback of a version ($1), with the commit that
-- made it (subject and Bug: tasks when the git source has the commit).
SELECT e.occurred_at AS occurred_at, e.wiki_group AS wiki_group, e.kind AS kind, e.from_version AS from_version,
       e.to_version AS to_version, e.wikis_moved AS wikis_moved, e.commit_key AS commit_key,
       c.subject AS subject, c.bug_tasks AS tasks
  FROM train_events e LEFT JOIN commits c ON c.commit_key = e.commit_key
 WHERE e.version = $1
 ORDER BY e.occurred_at, e.wiki_group
