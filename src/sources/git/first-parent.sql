-- commits.first_parent of one repository ($1): true for the shas of its first-parent line
-- ($2), false for the others; only the commits whose flag moves ($3) are touched.
UPDATE commits SET first_parent = (sha IN (SELECT unnest($2)))
 WHERE repo = $1 AND sha IN (SELECT unnest($3))
