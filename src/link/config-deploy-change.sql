-- config-deploy-change: a config-merge deployment (git source, one per first-parent commit
-- of operations/mediawiki-config) → the Gerrit change of the same project and default
-- branch with its Change-Id. An SQL rule so the link appears whichever import (git or
-- Gerrit) comes first. High confidence: the footer names the change.
SELECT i.deploy_key AS src_key, c.change_key AS dst_key, 'Change-Id: ' || i.change_id AS evidence,
       'high' AS confidence, d.finished_at AS first_seen_at
  FROM deployment_items i
  JOIN deployments d ON d.deploy_key = i.deploy_key AND d.kind = 'config-merge'
  JOIN repos r ON r.name = d.repo
  JOIN changes c ON c.change_id = i.change_id AND c.project = d.repo AND c.branch = r.default_branch
 WHERE i.change_id IS NOT NULL
