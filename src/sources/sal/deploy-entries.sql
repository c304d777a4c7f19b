-- The SAL entries deployment pairing reads ($1 = the scap kinds), in time order.
SELECT entry_key, logged_at, user_name, host, message, raw_id
  FROM log_entries
 WHERE starts_with(entry_key, 'sal:') AND kind IN (SELECT unnest($1::VARCHAR[]))
 ORDER BY logged_at, entry_key
