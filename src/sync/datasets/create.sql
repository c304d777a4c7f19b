-- A user dataset table: the file's columns with their stored types, and _raw_id, the
-- archived file (raw_records) each row came from. {{table}}, {{columns}} filled by datasets.ts.
CREATE TABLE {{table}} ({{columns}}, _raw_id VARCHAR NOT NULL)
