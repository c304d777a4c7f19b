-- User datasets (issue 15): the register of the tables `shiplog import dataset` creates
-- (dataset_<name>, shaped by the user's files, so not declared one by one). Declared in
-- src/model/catalogue/datasets.ts; src/store/catalogue.test.ts checks the two agree.
CREATE TABLE datasets (
  name        VARCHAR NOT NULL PRIMARY KEY,
  table_name  VARCHAR NOT NULL,
  columns     VARCHAR NOT NULL,
  row_count   BIGINT NOT NULL,
  files       INTEGER NOT NULL,
  rejected    BIGINT NOT NULL,
  last_raw_id VARCHAR,
  last_file   VARCHAR,
  format      VARCHAR,
  created_at  TIMESTAMP NOT NULL,
  updated_at  TIMESTAMP NOT NULL
);
