// Who holds a DuckDB file's lock, without changing anything: a read-only open that DuckDB
// refuses names the holder's PID ("Conflicting lock is held in … (PID n)"). Lets the CLI
// tell a busy server (alive, holding its file) from a dead or foreign one.
import { DuckDBInstance } from '@duckdb/node-api';

export type LockState = { held: false } | { held: true; pid: number | null; holder: string };

/** The lock of the database file at `path`: free (opened and closed at once), or held and by which process. */
export async function lockStateOf(path: string): Promise<LockState> {
  try {
    const probe = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY', enable_external_access: 'false' });
    probe.closeSync();
    return { held: false };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const m = /lock is held in (.*?) \(PID (\d+)\)/i.exec(msg);
    if (m) return { held: true, pid: Number(m[2]), holder: m[1] };
    if (/lock/i.test(msg)) return { held: true, pid: null, holder: 'another process' };
    throw err;
  }
}

/** `(PID n)` of a DuckDB lock error, for a message that names the process. */
export function lockHolderPid(message: string): number | null {
  const m = /\(PID (\d+)\)/.exec(message);
  return m ? Number(m[1]) : null;
}
