-- A column that an appended file brings and the table lacks (NULL in earlier rows).
ALTER TABLE {{table}} ADD COLUMN {{column}} {{type}}
