-- Report `dora`: tasks that report a bug (Phabricator subtype bug or error, or priority
-- Unbreak Now!): a backport carrying one is a fix.
SELECT task_id FROM tasks
 WHERE subtype IN ('bug', 'error') OR priority_name = 'Unbreak Now!'
 ORDER BY task_id
