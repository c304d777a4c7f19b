// After workflow events: deployments.window_key follows view deployments_windowed again
// (a window opened by the workflow claims the SAL deploys made in it). The UPDATE is the
// calendar source's (one definition, src/sources/calendar/assign-windows.sql).
import { loadSql } from '../../lib/sql.ts';
import type { DeriveResult, ReadFn } from '../types.ts';

export async function deriveWorkflow(_read: ReadFn, _ctx: { scopes: string[] }): Promise<DeriveResult> {
  return { rows: {}, rejects: [], statements: [{ sql: loadSql(import.meta.url, '../calendar/assign-windows.sql') }] };
}
