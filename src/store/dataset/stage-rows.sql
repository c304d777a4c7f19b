-- The staged rows of a dataset file as text, numbered as read, with why a row cannot be
-- stored (a value that does not cast to its column's stored type), if it cannot.
-- {{values}}: one text expression per column (v0, v1, …); {{reasons}}: one reason per column or NULL.
SELECT row_number() OVER () AS n, {{values}}, nullif(concat_ws('; ', {{reasons}}), '') AS why
  FROM stage
