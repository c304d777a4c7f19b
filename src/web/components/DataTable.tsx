// A table of rows. Values are text nodes; entity keys become links to their detail page.
import type { Row } from '../lib/api.ts';
import { formatValue, looksLikeKey } from '../lib/format.ts';
import { entityHref } from '../lib/route.ts';

export function Cell({ value }: { value: unknown }) {
  if (looksLikeKey(value)) return <a href={entityHref(value)} class="key">{value}</a>;
  if (Array.isArray(value) && value.some(looksLikeKey)) {
    return <>{value.map((v, i) => <>{i > 0 ? ', ' : ''}<Cell value={v} /></>)}</>;
  }
  const text = formatValue(value);
  return <span title={text.length > 80 ? text : undefined}>{text.length > 160 ? `${text.slice(0, 159)}…` : text}</span>;
}

export function DataTable({ columns, rows, empty = 'No rows.', testId }: { columns: string[]; rows: Row[]; empty?: string; testId?: string }) {
  if (rows.length === 0) return <p class="empty" data-testid={testId}>{empty}</p>;
  return (
    <div class="table-wrap">
      <table data-testid={testId}>
        <thead><tr>{columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>{columns.map((c) => <td key={c}><Cell value={r[c]} /></td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Loading({ error, loading }: { error?: string; loading: boolean }) {
  if (error) return <p class="error" role="alert">{error}</p>;
  return loading ? <p class="loading">Loading…</p> : null;
}
