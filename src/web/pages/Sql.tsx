// SQL console: read-only SQL over every table, example queries, a results table and a
// CSV download of the same query. The query lives in the URL (?q=…), so it can be shared.
import { useState } from 'preact/hooks';
import { Table as DataTable } from '../components/Table.tsx';
import { postJson, type Table } from '../lib/api.ts';
import { navigate, type Route, useTitle } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';

export const EXAMPLES: { title: string; sql: string }[] = [
  { title: 'Deploys per deployer', sql: 'SELECT deployer, count(*) AS deploys, round(avg(duration_s)) AS avg_s\nFROM deployments GROUP BY deployer ORDER BY deploys DESC' },
  { title: 'Changes merged per month', sql: "SELECT date_trunc('month', merged_at) AS month, count(*) AS merged\nFROM changes WHERE status = 'merged' GROUP BY 1 ORDER BY 1" },
  { title: 'Most failing tests', sql: "SELECT class, name, count(*) FILTER (WHERE status = 'fail') AS failures, count(*) AS runs\nFROM test_results GROUP BY ALL ORDER BY failures DESC LIMIT 20" },
  { title: 'Train delays', sql: 'SELECT version, group0_at, group2_at, total_delay_days, rollbacks\nFROM trains ORDER BY first_rollforward_at DESC' },
  { title: 'Links by rule and confidence', sql: 'SELECT rule, confidence, count(*) AS links FROM links GROUP BY ALL ORDER BY links DESC' },
  { title: 'Rows per table', sql: 'SELECT table_name, estimated_size FROM duckdb_tables() ORDER BY table_name' },
];

async function downloadCsv(sql: string): Promise<void> {
  const res = await fetch('/api/sql?format=csv', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql }) });
  if (!res.ok) throw new Error((await res.json().catch(() => ({ error: { message: `HTTP ${res.status}` } }))).error.message);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = 'query.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Sql({ route }: { route: Route }) {
  useTitle('SQL');
  const q = route.params.get('q') ?? '';
  const [text, setText] = useState(q || EXAMPLES[0].sql);
  const [csvError, setCsvError] = useState<string | undefined>();
  const result = useData(() => (q ? postJson<Table>('/api/sql', { sql: q }) : Promise.resolve(null)), [q]);
  const run = () => navigate('sql', { q: text, n: String(Date.now() % 100000) });
  return (
    <section>
      <h1>SQL</h1>
      <p class="muted">Read-only SQL (DuckDB dialect) over every table; see <a href="/api/openapi.json">the API</a> for the same over HTTP.</p>
      <div class="examples">
        {EXAMPLES.map((e) => <button type="button" key={e.title} onClick={() => { setText(e.sql); navigate('sql', { q: e.sql }); }}>{e.title}</button>)}
      </div>
      <textarea name="sql" rows={6} value={text} spellcheck={false} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        onKeyDown={(e) => { if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') run(); }} />
      <div class="actions">
        <button type="button" data-testid="run-sql" onClick={run}>Run (Ctrl+Enter)</button>
        <button type="button" onClick={() => downloadCsv(text).then(() => setCsvError(undefined), (err: Error) => setCsvError(err.message))}>Download CSV</button>
      </div>
      {csvError && <p class="error" role="alert">{csvError}</p>}
      {result.error && <p class="error" role="alert" data-testid="sql-error">{result.error}</p>}
      {result.loading && q && <p class="loading">Running…</p>}
      {result.data && (
        <>
          <p class="muted" data-testid="sql-count">{result.data.rows.length} rows{result.data.truncated ? ' (truncated at the row limit)' : ''}</p>
          <DataTable id="sql-result" remember={false} key={q} columns={result.data.columns} show={result.data.columns} rows={result.data.rows} empty="The query returned no rows." />
        </>
      )}
    </section>
  );
}
