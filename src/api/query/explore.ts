// The pivot query behind the Explorer and the Overview: one table, up to three group-by
// columns, an optional time bucket, one measure, filters as in the lists. Every
// identifier is checked against the catalog and every keyword comes from a fixed set.
import { ShiplogError } from '../../lib/errors.ts';
import { ident } from '../../lib/sql.ts';
import type { SqlDialect } from '../../store/types.ts';
import { columnOf, isListType, isNumericType, type TableInfo } from './catalog.ts';
import { filterClauses, type Where } from './list.ts';

export const BUCKETS = ['none', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export type Bucket = (typeof BUCKETS)[number];
export const AGGREGATES = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'p50', 'p95'] as const;
export const EXPLORE_PARAMS = ['table', 'group', 'bucket', 'time', 'measure', 'since', 'until', 'limit', 'format'] as const;

export interface ExploreRequest {
  group: string[];
  bucket: Bucket;
  time?: string;
  /** `count`, or `<aggregate>:<column>`. */
  measure: string;
  since?: Date;
  until?: Date;
  limit: number;
  filters: Record<string, string[]>;
}

function measureSql(info: TableInfo, measure: string): string {
  if (measure === 'count') return 'count(*)';
  const [agg, name] = measure.split(':');
  const col = name ? columnOf(info, name) : undefined;
  if (!(AGGREGATES as readonly string[]).includes(agg) || !col) {
    throw new ShiplogError('bad_request', `${info.table}: measure "${measure}" must be count or <${AGGREGATES.join('|')}>:<column>`);
  }
  const c = ident(col.name);
  if (agg === 'count_distinct') return `count(DISTINCT ${c})`;
  if (!isNumericType(col.type)) throw new ShiplogError('bad_request', `${info.table}: ${agg} needs a numeric column; ${col.name} is ${col.type}`);
  if (agg === 'p50') return `quantile_cont(${c}, 0.5)`;
  if (agg === 'p95') return `quantile_cont(${c}, 0.95)`;
  return `${agg}(${c})`;
}

/** `measureExpr` replaces the measure with a ready aggregate (a rollup's, src/api/query/explore-rollup.ts). */
export function buildExploreSql(info: TableInfo, req: ExploreRequest, dialect: SqlDialect, measureExpr?: string): { text: string; params: unknown[] } {
  if (req.group.length > 3) throw new ShiplogError('bad_request', `${info.table}: group by at most 3 columns (got ${req.group.length})`);
  const where: Where = { clauses: [], params: [] };
  const time = filterClauses(info, req, where, dialect);
  const select: string[] = [];
  if (req.bucket !== 'none') {
    if (!time) throw new ShiplogError('bad_request', `${info.table} has no time column: bucket=${req.bucket} does not apply`);
    select.push(`CAST(date_trunc('${req.bucket}', ${ident(time.name)}) AS TIMESTAMP) AS bucket`);
    where.clauses.push(`${ident(time.name)} IS NOT NULL`);
  }
  for (const g of req.group) {
    const col = columnOf(info, g);
    if (!col) throw new ShiplogError('bad_request', `${info.table}: cannot group by "${g}" (columns: ${info.columns.map((c) => c.name).join(', ')})`);
    if (isListType(col.type)) throw new ShiplogError('bad_request', `${info.table}: ${col.name} is a list; group by a scalar column`);
    select.push(ident(col.name));
  }
  select.push(`${measureExpr ?? measureSql(info, req.measure)} AS value`);
  const groupCount = select.length - 1;
  const groupBy = groupCount ? ` GROUP BY ${Array.from({ length: groupCount }, (_, i) => i + 1).join(', ')}` : '';
  // every group column breaks ties, so rows come in one order on every engine
  const groups = Array.from({ length: groupCount }, (_, i) => i + 1).join(', ');
  const orderBy = req.bucket !== 'none' ? ` ORDER BY ${groups}` : groupCount ? ` ORDER BY value DESC NULLS LAST, ${groups}` : '';
  where.params.push(req.limit);
  const text = `SELECT ${select.join(', ')} FROM ${ident(info.table)}${where.clauses.length ? ` WHERE ${where.clauses.join(' AND ')}` : ''}${groupBy}${orderBy} LIMIT $${where.params.length}`;
  return { text, params: where.params };
}
