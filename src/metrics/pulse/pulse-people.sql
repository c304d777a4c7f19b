-- Pulse: who was active in [since, until), and who arrived. A person is the people row an
-- identity belongs to when the people rules joined it to one (identities.person_key), else
-- the identity itself: git author (git:<email>), Gerrit owner, deployer (an identity key
-- as git-recorded deploys name it, else irc:<nick> as the SAL does). Per
-- person: commits authored (merges left out, by commit time), changes merged (as owner, by
-- merge time), changes opened, deploys (bookkeeping kinds left out: a config merge is
-- its commit, not a deploy); `first_at` is the person's first commit or change
-- in all the loaded data, so a new contributor is one whose first_at lies in the period.
-- $1 since, $2 until.
WITH acts AS (
  SELECT coalesce(i.person_key, 'git:' || lower(c.author_email)) AS who, coalesce(i.name, c.author_name) AS name,
         'commit' AS what, c.committed_at AS happened_at
    FROM commits c
    LEFT JOIN identities i ON i.identity_key = 'git:' || lower(c.author_email)
   WHERE NOT coalesce(c.is_merge, false) AND c.author_email IS NOT NULL AND c.committed_at IS NOT NULL
  UNION ALL
  SELECT coalesce(i.person_key, ch.owner) AS who, coalesce(i.name, ch.owner_name) AS name, 'opened' AS what, ch.created_at AS happened_at
    FROM changes ch
    LEFT JOIN identities i ON i.identity_key = ch.owner
   WHERE ch.owner IS NOT NULL AND ch.created_at IS NOT NULL
  UNION ALL
  SELECT coalesce(i.person_key, ch.owner) AS who, coalesce(i.name, ch.owner_name) AS name, 'merged' AS what, ch.merged_at AS happened_at
    FROM changes ch
    LEFT JOIN identities i ON i.identity_key = ch.owner
   WHERE ch.owner IS NOT NULL AND ch.merged_at IS NOT NULL AND ch.status = 'merged'
  UNION ALL
  SELECT coalesce(i.person_key, n.person_key, CASE WHEN d.deployer LIKE '%:%' THEN d.deployer ELSE 'irc:' || d.deployer END) AS who,
         coalesce(i.name, n.name, d.deployer) AS name, 'deploy' AS what, d.started_at AS happened_at
    FROM deployments d
    LEFT JOIN identities i ON i.identity_key = d.deployer
    LEFT JOIN identities n ON n.identity_key = 'irc:' || d.deployer
   WHERE d.deployer IS NOT NULL AND d.started_at IS NOT NULL
     AND d.kind NOT IN ('cookbook', 'lock', 'lock-force', 'install-scap', 'clean', 'config-merge')
     AND d.deploy_key NOT IN (SELECT sal_key FROM deploy_twins WHERE sal_key IS NOT NULL)
), per AS (
  SELECT who, max(name) AS name,
         min(CASE WHEN what IN ('commit', 'opened') THEN happened_at END) AS first_at,
         sum(CASE WHEN what = 'commit' AND happened_at >= $1 AND happened_at < $2 THEN 1 ELSE 0 END) AS commits,
         sum(CASE WHEN what = 'merged' AND happened_at >= $1 AND happened_at < $2 THEN 1 ELSE 0 END) AS merged,
         sum(CASE WHEN what = 'opened' AND happened_at >= $1 AND happened_at < $2 THEN 1 ELSE 0 END) AS opened,
         sum(CASE WHEN what = 'deploy' AND happened_at >= $1 AND happened_at < $2 THEN 1 ELSE 0 END) AS deploys
    FROM acts
   GROUP BY who
)
SELECT per.who AS who, coalesce(p.display_name, per.name, per.who) AS name, per.first_at AS first_at,
       per.commits AS commits, per.merged AS merged, per.opened AS opened, per.deploys AS deploys
  FROM per
  LEFT JOIN people p ON p.person_key = per.who
 WHERE per.commits + per.merged + per.opened + per.deploys > 0
 ORDER BY greatest(per.commits, per.merged) + per.deploys DESC, per.opened DESC, per.who
