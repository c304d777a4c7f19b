-- One page of the SAL entries deployment pairing reads ($1 = the scap kinds), in time
-- order, after the key ($2 logged_at, $3 entry_key) of the previous page; $4 rows a page.
SELECT entry_key, logged_at, user_name, host, message, raw_id
  FROM log_entries
 WHERE starts_with(entry_key, 'sal:') AND kind IN (SELECT unnest($1::VARCHAR[]))
   AND (logged_at, entry_key) > ($2::TIMESTAMP, $3::VARCHAR)
 ORDER BY logged_at, entry_key
 LIMIT $4
