-- WHERE clause (derive.ts deletes): raw records of restricted tasks ($1 = their T ids)
-- that still hold content: any transaction record, task records not yet redacted, and
-- subtask lists that carry such a task unredacted (its dateCreated).
source = 'phabricator'
AND ((kind = 'transaction' AND split_part(key, '/', 1) IN (SELECT unnest($1::VARCHAR[])))
  OR (kind = 'task' AND split_part(key, '@', 1) IN (SELECT unnest($1::VARCHAR[])) AND json_extract(payload, '$.restricted') IS DISTINCT FROM 'true'::JSON)
  OR (kind = 'subtasks' AND EXISTS (
        SELECT 1 FROM unnest(CAST(json_extract(payload, '$.data') AS JSON[])) AS d(child)
         WHERE 'T' || json_extract_string(child, '$.id') IN (SELECT unnest($1::VARCHAR[]))
           AND json_extract(child, '$.restricted') IS NULL)))
