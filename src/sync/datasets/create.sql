-- A user dataset table: the file's columns with their stored types; _row, the row's number
-- in the table (1, 2, … in the order files and their rows came: the key lists page by); and
-- _raw_id, the archived file (raw_records) it came from. {{table}}, {{columns}} filled by datasets.ts.
CREATE TABLE {{table}} ({{columns}}, _row BIGINT NOT NULL PRIMARY KEY, _raw_id VARCHAR NOT NULL)
