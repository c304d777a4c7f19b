-- The earliest new scap entry since derive last ran ($1 = derive_state.raw_seq of 'sal',
-- $2 = the scap kinds): where incremental pairing has to look from.
SELECT min(e.logged_at) AS first_new
  FROM log_entries e
  JOIN raw_records r ON r.raw_id = e.raw_id
 WHERE r.source = 'sal' AND r.seq > $1 AND starts_with(e.entry_key, 'sal:') AND e.kind IN (SELECT unnest($2::VARCHAR[]))
