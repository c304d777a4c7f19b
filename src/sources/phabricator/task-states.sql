-- The newest known state of each Phabricator task whose tasks row is not that state (an
-- older recording imported after a newer one, a task restricted again). A public state is
-- dated by its fields.dateModified; a restricted one (redacted: no content, no task dates)
-- by when shiplog saw it restricted (observed_at, else the raw record's fetched_at). Ties go
-- to the restricted state and an undated public state loses: a task once seen restricted
-- stays restricted until a newer public state is seen.
WITH states AS (
  SELECT raw_id, key, url, payload, fetched_at,
         coalesce(json_extract(payload, '$.restricted') = 'true'::JSON, false) AS restricted
    FROM raw_records
   WHERE source = 'phabricator' AND kind = 'task'
), dated AS (
  SELECT *,
         CASE WHEN restricted
              THEN coalesce(TRY_CAST(json_extract_string(payload, '$.observed_at') AS TIMESTAMP), fetched_at)
              ELSE make_timestamp(TRY_CAST(TRY_CAST(json_extract_string(payload, '$.fields.dateModified') AS DOUBLE) * 1000000 AS BIGINT))
         END AS state_at
    FROM states
), newest AS (
  SELECT *, row_number() OVER (PARTITION BY key ORDER BY state_at DESC NULLS LAST, restricted DESC, raw_id) AS rn
    FROM dated
)
SELECT n.raw_id, n.key, n.url, n.payload, n.fetched_at, n.restricted
  FROM newest n
  LEFT JOIN tasks t ON t.task_id = n.key
 WHERE n.rn = 1 AND t.raw_id IS DISTINCT FROM n.raw_id
