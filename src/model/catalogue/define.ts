// The vocabulary of the table catalogue: column types, columns, tables and the row types
// TypeScript derives from them. Pure declarations (no I/O, no engine): the store turns a
// table into DDL and write statements, normalizers return `RowOf<table>` so the compiler
// catches a misspelt or missing column, and the pipeline checks rows at run time too.

/** Engine-neutral column types; each engine maps them in one place (store/<engine>/). */
export type ColumnType = 'text' | 'int' | 'bigint' | 'double' | 'bool' | 'timestamp' | 'text[]' | 'bigint[]';

export type TsType<T extends ColumnType> = T extends 'text'
  ? string
  : T extends 'int' | 'bigint' | 'double'
    ? number
    : T extends 'bool'
      ? boolean
      : T extends 'timestamp'
        ? Date
        : T extends 'text[]'
          ? string[]
          : number[];

export interface Column<T extends ColumnType = ColumnType, R extends boolean = boolean> {
  readonly type: T;
  /** NOT NULL: every row must carry it. */
  readonly required: R;
  readonly doc: string;
  /**
   * Filled by a derive step after normalize (its name), never by a normalizer: an upsert
   * keeps the stored value when a row without it is written again.
   */
  readonly derivedBy?: string;
  /** SQL default for rows written without it (kept literal; both engines read it). */
  readonly defaultSql?: string;
}

/** A nullable column. */
export function col<T extends ColumnType>(type: T, doc = ''): Column<T, false> {
  return { type, required: false, doc };
}

/** A NOT NULL column. */
export function req<T extends ColumnType>(type: T, doc = ''): Column<T, true> {
  return { type, required: true, doc };
}

/** A nullable column that the derive step `step` fills. */
export function derived<T extends ColumnType>(type: T, step: string, doc = ''): Column<T, false> {
  return { type, required: false, doc, derivedBy: step };
}

/**
 * How rows reach a table:
 * - `append`: immutable facts of one raw record, written without reading the table; a
 *   re-fetched item whose content changed replaces the rows of its previous version.
 * - `upsert`: entities whose state changes; one row per key, written by probing only the
 *   keys of the batch. When two records give one key, `version` decides, so the answer
 *   does not depend on which arrived last.
 */
export type WriteMode = 'append' | 'upsert';

/** Which of two rows of one key wins an upsert: compared column by column, then raw_id. */
export interface VersionRule {
  readonly column: string;
  readonly prefer: 'max' | 'min';
}

export interface TableSpec<C extends Record<string, Column>, N extends string = string> {
  readonly name: N;
  readonly doc: string;
  readonly mode: WriteMode;
  readonly key: readonly (keyof C & string)[];
  /** The steps allowed to write it: source names (normalize) and derive step names. */
  readonly writers: readonly string[];
  /** Upserts only: the columns that order two versions of a row (raw_id breaks ties). */
  readonly version?: readonly VersionRule[];
  /** Provenance and pipeline bookkeeping, not rebuilt from raw records by renormalize. */
  readonly internal?: boolean;
  readonly columns: C;
}

export type TableDef<C extends Record<string, Column> = Record<string, Column>> = TableSpec<C>;

export function defineTable<const C extends Record<string, Column>, const N extends string>(spec: TableSpec<C, N>): TableSpec<C, N> {
  for (const k of spec.key) {
    if (!spec.columns[k]?.required) throw new Error(`catalogue: ${spec.name}.${k} is a key column and must be required`);
  }
  for (const v of spec.version ?? []) {
    if (!(v.column in spec.columns)) throw new Error(`catalogue: ${spec.name} version column ${v.column} is not a column`);
  }
  if (spec.mode === 'append' && spec.version) throw new Error(`catalogue: ${spec.name} is append-only and has no version rule`);
  return spec;
}

type RequiredNames<C> = { [K in keyof C]: C[K] extends Column<ColumnType, true> ? K : never }[keyof C];
type OptionalNames<C> = Exclude<keyof C, RequiredNames<C>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The row a normalizer or derive step returns for a table: required columns present, others optional. */
export type RowOf<T extends TableDef> = Simplify<
  { [K in RequiredNames<T['columns']>]: TsType<T['columns'][K]['type']> } & {
    [K in OptionalNames<T['columns']>]?: TsType<T['columns'][K]['type']> | null;
  }
>;
