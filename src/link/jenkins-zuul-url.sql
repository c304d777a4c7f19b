-- A Jenkins build (jenkins source) and the Zuul build row the jenkins-bot report on Gerrit made
-- for the same job URL (gerrit sources): both keys end in the same host/ci/job/<job>/<n>
-- (model/ids buildIdFromUrl), so the join is on the key suffix. Explicit URL match: high.
SELECT j.build_key AS src_key,
       z.build_key AS dst_key,
       'same build URL: ' || j.url AS evidence,
       'high' AS confidence,
       coalesce(z.reported_at, j.reported_at, j.started_at) AS first_seen_at
  FROM ci_builds j
  JOIN ci_builds z
    ON z.system = 'zuul'
   AND substr(z.build_key, length('build:zuul:') + 1) = substr(j.build_key, length('build:jenkins:') + 1)
 WHERE j.system = 'jenkins'
