// The one table of the dashboards: sortable columns (click a header; numbers as numbers,
// empty last), a column chooser (the choice kept per table in localStorage), a header
// that stays in view while the body scrolls, cells cut to one line with the full text on
// hover, numbers right-aligned, and the first rows with a button for the rest.
import { useMemo, useState } from 'preact/hooks';
import type { Row } from '../lib/api.ts';
import { type ColumnKind, columnKind, columnLabel, sortRows } from '../lib/columns.ts';
import { formatValue } from '../lib/format.ts';
import { Cell } from './Cell.tsx';
import { Empty } from './State.tsx';

export interface TableProps {
  rows: Row[];
  /** Every column the chooser offers, in order. */
  columns: string[];
  /** The columns shown until someone chooses (default: all, or the first 8 when more). */
  show?: string[];
  /** Names the table: its test id and where its column choice is kept. */
  id?: string;
  empty?: string;
  /** Initial sort, e.g. "-started_at"; default: the order of the rows. */
  sort?: string;
  /** Rows rendered before "Show all" (default 100). */
  page?: number;
  /** Keep the column choice across page loads (off for tables whose columns vary, e.g. SQL). */
  remember?: boolean;
  /** Columns drawn by the page instead of by value (e.g. a link to another shiplog page). */
  cells?: Record<string, (row: Row) => preact.JSX.Element | string | null>;
}

const NUMERIC: ColumnKind[] = ['number', 'duration'];

function stored(id: string | undefined): string[] | undefined {
  if (!id) return undefined;
  try {
    const v = JSON.parse(localStorage.getItem(`shiplog.columns.${id}`) ?? 'null') as unknown;
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch {
    return undefined; // storage off or a bad value: use the defaults
  }
}

function store(id: string | undefined, cols: string[] | undefined): void {
  if (!id) return;
  try {
    if (cols) localStorage.setItem(`shiplog.columns.${id}`, JSON.stringify(cols));
    else localStorage.removeItem(`shiplog.columns.${id}`);
  } catch {
    // storage off (private mode): the choice lasts until the page reloads
  }
}

function ColumnChooser({ columns, shown, onChange }: { columns: string[]; shown: string[]; onChange: (c: string[] | undefined) => void }) {
  return (
    <details class="columns-chooser">
      <summary>Columns ({shown.length}/{columns.length})</summary>
      <div class="columns-list" role="group" aria-label="Columns shown">
        {columns.map((c) => (
          <label key={c}>
            <input type="checkbox" name={c} checked={shown.includes(c)}
              onChange={(e) => {
                const on = (e.target as HTMLInputElement).checked;
                const next = columns.filter((x) => (x === c ? on : shown.includes(x)));
                if (next.length > 0) onChange(next);
              }} />
            {columnLabel(c)}
          </label>
        ))}
        <button type="button" onClick={() => onChange(undefined)}>Defaults</button>
      </div>
    </details>
  );
}

export function Table({ rows, columns, show, id, empty = 'No rows.', sort, page = 100, remember = true, cells }: TableProps) {
  const key = remember ? id : undefined;
  const defaults = show ?? (columns.length > 8 ? columns.slice(0, 8) : columns);
  const [chosen, setChosen] = useState<string[] | undefined>(() => stored(key)?.filter((c) => columns.includes(c)));
  const shown = chosen && chosen.length > 0 ? chosen : defaults.filter((c) => columns.includes(c));
  const [order, setOrder] = useState<{ col?: string; dir: 'asc' | 'desc' }>(() =>
    sort ? { col: sort.replace(/^-/, ''), dir: sort.startsWith('-') ? 'desc' : 'asc' } : { dir: 'asc' });
  const [all, setAll] = useState(false);
  const kinds = useMemo(() => {
    const k: Record<string, ColumnKind> = {};
    for (const c of columns) k[c] = columnKind(c, rows.find((r) => r[c] !== null && r[c] !== undefined)?.[c]);
    return k;
  }, [columns, rows]);
  const sorted = useMemo(() => sortRows(rows, order.col, order.dir), [rows, order.col, order.dir]);
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  const choose = (c: string[] | undefined) => {
    setChosen(c);
    store(key, c);
  };
  const by = (c: string) => setOrder((o) => (o.col === c
    ? { col: c, dir: o.dir === 'asc' ? 'desc' : 'asc' }
    : { col: c, dir: NUMERIC.includes(kinds[c]) || kinds[c] === 'time' ? 'desc' : 'asc' }));
  const visible = all ? sorted : sorted.slice(0, page);
  return (
    <div class="table-block" data-testid={id}>
      {columns.length > 1 && <ColumnChooser columns={columns} shown={shown} onChange={choose} />}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              {shown.map((c) => (
                <th key={c} class={`k-${kinds[c]}`} aria-sort={order.col === c ? (order.dir === 'asc' ? 'ascending' : 'descending') : 'none'} data-col={c}>
                  <button type="button" class="sort" onClick={() => by(c)} title={`sort by ${c}`}>
                    {columnLabel(c)}
                    {kinds[c] === 'time' && <span class="unit"> UTC</span>}
                    <span class="arrow" aria-hidden="true">{order.col === c ? (order.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {visible.map((r, i) => (
              <tr key={i}>
                {shown.map((c) => {
                  const text = formatValue(r[c]);
                  return <td key={c} class={`k-${kinds[c]}`} title={text.length > 24 ? text : undefined}>{cells?.[c] ? cells[c](r) : <Cell value={r[c]} column={c} kind={kinds[c]} row={r} />}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length > visible.length && (
        <button type="button" class="more" onClick={() => setAll(true)}>Show all {sorted.length} rows</button>
      )}
    </div>
  );
}
