// One value in a table cell, by what its column holds: an entity key links to its shiplog
// page and to its own system (↗); a person shows a display name; a time shows in UTC; a
// message renders its wikitext links. All as text nodes and attribute values (no HTML).
import type { ComponentChildren } from 'preact';
import { type ColumnKind, columnKind } from '../lib/columns.ts';
import { formatSeconds, formatUtc, formatValue, isIsoTime, looksLikeKey } from '../lib/format.ts';
import { keyLabel, type LinkBases, outLink, type OutLink } from '../lib/links.ts';
import { personLabel, usePeople } from '../lib/people.ts';
import { entityHref } from '../lib/route.ts';
import { useLinkBases } from '../lib/ui-config.ts';
import { parseWikitext } from '../lib/wikitext.ts';

export function External({ link }: { link: OutLink }) {
  return <a class="out" href={link.href} target="_blank" rel="noopener noreferrer" title={`open in ${link.system}`} data-out={link.system}>↗</a>;
}

/** A key: its short label linking to the shiplog page, then ↗ to its own system. */
export function KeyLink({ value, row, bases }: { value: string; row?: Record<string, unknown>; bases: LinkBases }) {
  const out = outLink(value, bases, row);
  return (
    <span class="keylink">
      <a href={entityHref(value)} class="key" title={value}>{keyLabel(value)}</a>
      {out && <>{' '}<External link={out} /></>}
    </span>
  );
}

export function Person({ id }: { id: string }) {
  usePeople();
  const label = personLabel(id);
  return <span class="person" title={id}>{label}</span>;
}

export function Wikitext({ text, bases }: { text: string; bases: LinkBases }) {
  return (
    <>
      {parseWikitext(text, bases).map((p, i) => ('link' in p
        ? <a key={i} href={p.link.href} target="_blank" rel="noopener noreferrer" title={`${p.link.system}${p.key ? ` (${p.key})` : ''}`} class="wikilink">{p.text}</a>
        : p.text))}
    </>
  );
}

function join(items: unknown[], render: (v: unknown) => ComponentChildren) {
  return <>{items.map((v, i) => <>{i > 0 ? ', ' : ''}{render(v)}</>)}</>;
}

/** The cell's content for `value` in a column of `kind` (inferred from its name when not given). */
export function Cell({ value, column = '', kind, row }: { value: unknown; column?: string; kind?: ColumnKind; row?: Record<string, unknown> }) {
  const bases = useLinkBases();
  const k = kind ?? columnKind(column, value);
  if (value === null || value === undefined || value === '') return null;
  if (k === 'person') {
    const ids = Array.isArray(value) ? value.map(String) : String(value).split(/[\s,]+/).filter(Boolean);
    return join(ids, (v) => <Person id={String(v)} />);
  }
  if (looksLikeKey(value)) return <KeyLink value={value} row={row && keyOwnsRow(column, row) ? row : undefined} bases={bases} />;
  if (Array.isArray(value) && value.some(looksLikeKey)) return join(value, (v) => <Cell value={v} />);
  if (k === 'time' && (isIsoTime(value) || value instanceof Date)) {
    const text = formatUtc(value as string);
    return <time dateTime={String(value)} title={`${String(value)} (UTC)`}>{text}</time>;
  }
  if (k === 'duration' && typeof value === 'number') return <span title={`${value} s`}>{formatSeconds(value)}</span>;
  if (k === 'message' && typeof value === 'string') return <Wikitext text={value} bases={bases} />;
  if (typeof value === 'string' && /^T\d{1,9}$/.test(value)) return <KeyLink value={`task:${value}`} bases={bases} />;
  return <>{formatValue(value)}</>;
}

/** The row is the key's own row (its url, day) only for the key column of that row. */
function keyOwnsRow(column: string, row: Record<string, unknown>): boolean {
  return column.endsWith('_key') && Object.keys(row).find((c) => c.endsWith('_key')) === column;
}
