-- WHERE clause (renormalize.ts): the rows a source's records made ($1 = '<source>:', the
-- prefix of its raw ids), deleted before its records are normalized again.
starts_with(raw_id, $1)
