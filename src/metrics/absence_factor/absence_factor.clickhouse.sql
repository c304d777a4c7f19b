-- ClickHouse version of absence_factor.sql (same parameters and columns).
WITH commits AS (
  SELECT repo, w.months AS months, 'commits' AS kind, lower(coalesce(author_email, author_name)) AS who, count(*) AS n
    FROM repo_activity CROSS JOIN (SELECT arrayJoin([12, 24]) AS months) w
   WHERE human AND ($1 IS NULL OR repo = $1)
     AND committed_at < $2 AND committed_at >= subtractMonths($2, w.months)
   GROUP BY ALL
), plus2 AS (
  SELECT c.project AS repo, w.months AS months, '+2' AS kind, v.voter AS who, count(*) AS n
    FROM votes v JOIN changes c ON c.change_key = v.change_key LEFT JOIN identities i ON i.identity_key = v.voter
         CROSS JOIN (SELECT arrayJoin([12, 24]) AS months) w
   WHERE v.label = 'Code-Review' AND v.value = 2 AND NOT coalesce(v.removed, false)
     AND ($1 IS NULL OR c.project = $1)
     AND ($1 IS NOT NULL OR startsWith(c.project, 'mediawiki/extensions/') OR startsWith(c.project, 'mediawiki/skins/'))
     AND v.voted_at < $2 AND v.voted_at >= subtractMonths($2, w.months)
     AND NOT match(lower(concat(coalesce(i.name, ''), ' ', coalesce(i.username, ''), ' ', v.voter)), $3)
   GROUP BY ALL
)
SELECT * FROM commits UNION ALL SELECT * FROM plus2
