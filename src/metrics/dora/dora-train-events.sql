-- Report `dora`: the promotions ("version V promoted to group G at T": a roll-forward
-- commit of wikiversions) and rollbacks of every train, in time order.
SELECT version, wiki_group, kind, occurred_at, commit_key
  FROM train_events
 ORDER BY occurred_at, version, wiki_group, kind
