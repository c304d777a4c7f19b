// Catalogue column types as DuckDB spells them: the one place the mapping lives.
import type { ColumnType } from '../../model/catalogue/index.ts';

export const DUCKDB_TYPES: Record<ColumnType, string> = {
  text: 'VARCHAR',
  int: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  bool: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  'text[]': 'VARCHAR[]',
  'bigint[]': 'BIGINT[]',
};
