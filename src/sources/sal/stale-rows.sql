-- WHERE clause (derive.ts deletes): SAL rows of a table whose key column (filled in below) is not
-- among the keys pairing produced, given as one newline-joined string ($1): binding a
-- million-element list costs far more memory.
starts_with(deploy_key, 'deploy:sal:') AND {{column}} NOT IN (SELECT unnest(string_split($1::VARCHAR, chr(10))))
