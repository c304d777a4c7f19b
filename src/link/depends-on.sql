-- change → change by the Depends-On footers of its current patch set (rule depends-on):
-- Zuul's cross-repository dependency names a Change-Id, which every change with that id
-- on the same Gerrit host carries (a change and its backports). Explicit footer: high.
SELECT ch.change_key AS src_key,
       dep.change_key AS dst_key,
       'Depends-On: ' || d.cid AS evidence,
       'high' AS confidence,
       ch.created_at AS first_seen_at
  FROM (SELECT change_key, host, created_at, unnest(depends_on) AS cid FROM changes) d
  JOIN changes ch ON ch.change_key = d.change_key
  JOIN changes dep ON dep.change_id = d.cid AND dep.host = d.host AND dep.change_key <> ch.change_key
