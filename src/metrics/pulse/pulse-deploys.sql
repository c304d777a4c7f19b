-- Pulse: deployments started in [since, until) per kind, with their class (train: the
-- kinds that move a MediaWiki version; bookkeeping: cookbooks, locks, scap installs,
-- cleans and config merges, which ship nothing; else backport/config) and how many did not
-- end ok. A deploy recorded by both `shiplog deploy` and the SAL counts once. $1 since, $2 until.
SELECT kind,
       CASE WHEN kind LIKE 'train%' THEN 'train'
            WHEN kind IN ('cookbook', 'lock', 'lock-force', 'install-scap', 'clean', 'config-merge') THEN 'bookkeeping'
            ELSE 'backport/config' END AS class,
       count(*) AS deploys,
       count(DISTINCT deployer) AS deployers,
       sum(CASE WHEN outcome IS NOT NULL AND outcome <> 'ok' THEN 1 ELSE 0 END) AS not_ok
  FROM deployments
 WHERE started_at >= $1 AND started_at < $2
   AND deploy_key NOT IN (SELECT sal_key FROM deploy_twins WHERE sal_key IS NOT NULL)
 GROUP BY kind
 ORDER BY deploys DESC, kind
