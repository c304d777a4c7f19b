-- A batch of a file's rows, given as text and cast to the stored types here; the reader
-- already refused the rows whose values do not cast. {{table}}, {{names}}, {{casts}},
-- {{values}} ($n placeholders, one tuple per row), {{aliases}} filled by datasets.ts.
INSERT INTO {{table}} ({{names}}, _row, _raw_id)
SELECT {{casts}}, CAST(v_row AS BIGINT), {{raw_id}} FROM (VALUES {{values}}) AS v({{aliases}}, v_row)
