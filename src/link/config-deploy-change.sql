-- config-deploy-change: a config-merge deployment (git source, one per first-parent commit
-- of operations/mediawiki-config) → the Gerrit change its item carries, chosen by the derive
-- step config-deploy-submit among the changes with the commit's Change-Id (merged, default
-- branch, same patch set sha first). An SQL rule so the link appears whichever import (git
-- or Gerrit) comes first. High confidence: the footer names the change.
SELECT i.deploy_key AS src_key, c.change_key AS dst_key, 'Change-Id: ' || i.change_id AS evidence,
       'high' AS confidence, d.finished_at AS first_seen_at
  FROM deployment_items i
  JOIN deployments d ON d.deploy_key = i.deploy_key AND d.kind = 'config-merge'
  JOIN changes c ON c.change_key = i.change_key
 WHERE i.change_id IS NOT NULL
