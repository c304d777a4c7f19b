// Keeps deployments.window_key equal to the window each deployment fell in (view
// deployments_windowed, migration 220): run after every calendar sync, so planned windows
// that arrive after the deploys still claim them. Idempotent: only differing rows change.
import { loadSql } from '../../lib/sql.ts';
import type { DeriveResult, ReadFn } from '../types.ts';

export function assignWindowsStatement(): { sql: string } {
  return { sql: loadSql(import.meta.url, 'assign-windows.sql') };
}

export async function deriveCalendar(_read: ReadFn, _ctx: { scopes: string[] }): Promise<DeriveResult> {
  return { rows: {}, rejects: [], statements: [assignWindowsStatement()] };
}
