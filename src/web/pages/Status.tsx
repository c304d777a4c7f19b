// Status: freshness of every source scope, Gerrit projects whose changes match no known
// repository, rows per table, rejects with their reasons, and the user datasets.
import { Async } from '../components/State.tsx';
import { Table } from '../components/Table.tsx';
import { getJson, type Row } from '../lib/api.ts';
import { href, useTitle } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';

interface Status { scopes: Row[]; tables: Record<string, number>; rejects: Row[]; unmatched_changes?: Row[]; datasets?: (Row & { columns: { name: string; type: string; inferred: string | null }[] })[] }

export function StatusPage() {
  useTitle('Status');
  const status = useData(() => getJson<Status>('/api/status'), []);
  return (
    <section>
      <h1>Status</h1>
      <Async state={status} what="the status">
        {(s) => (
          <>
            <h2>Sources</h2>
            <Table id="scopes" columns={['source', 'scope', 'age_s', 'last_success_at', 'last_error', 'raw_records', 'rejects', 'cursor']}
              rows={s.scopes} empty="Nothing synced yet." />
            <p class="muted">age = time since the scope's last successful sync (empty: never).</p>
            {s.unmatched_changes && s.unmatched_changes.length > 0 && (
              <>
                <h2>Changes of no known repository</h2>
                <p class="muted">Commits and config deploys do not join these Gerrit changes: import the repository, or re-import the NoteDB mirror with --name.</p>
                <Table id="unmatched" columns={['project', 'changes']} rows={s.unmatched_changes} />
              </>
            )}
            <h2>Rejects by reason</h2>
            <Table id="rejects" columns={['source', 'reason', 'count', 'example_location']} rows={s.rejects} empty="No rejects." />
            {s.datasets && s.datasets.length > 0 && (
              <>
                <h2>Datasets</h2>
                <Table id="datasets" columns={['table_name', 'row_count', 'files', 'rejected', 'columns', 'last_file', 'updated_at']}
                  rows={s.datasets.map((d) => ({ ...d, columns: d.columns.map((c) => `${c.name} ${c.type}`).join(', ') }))}
                  cells={{ table_name: (r) => <a href={href('explore', { table: String(r.table_name) })}>{String(r.table_name)}</a> }} />
                <p class="muted">Files imported with shiplog import dataset (docs/datasets.md); query them in SQL like any table.</p>
              </>
            )}
            <h2>Tables</h2>
            <Table id="tables" columns={['table', 'rows']} rows={Object.entries(s.tables).map(([table, rows]) => ({ table, rows }))} />
          </>
        )}
      </Async>
    </section>
  );
}
