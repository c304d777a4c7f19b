// How values show in tables and charts. Text only: the UI renders every value as a
// text node (never as HTML), so a commit subject with <b> shows the characters <b>.
// Every time is shown in UTC, and says so.

/** Entity keys (model/ids.ts); a SAL entry's key is sal:<hex id> (raw ids such as sal:wiki-line:… are not keys). */
const KEY_PREFIX = /^((change|task|commit|build|deploy|window|train|incident|person|repo):\S|sal:[0-9a-f]{8,}$)/;

export function looksLikeKey(v: unknown): v is string {
  return typeof v === 'string' && KEY_PREFIX.test(v) && v.length < 300;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function isIsoTime(v: unknown): v is string {
  return typeof v === 'string' && ISO.test(v);
}

/** "2024-02-02T12:05:33.000Z" → "2024-02-02 12:05" (a midnight time → the date alone); the cell's title has the rest. */
export function formatUtc(v: string | Date, opts: { dateOnly?: boolean } = {}): string {
  const iso = typeof v === 'string' ? v : v.toISOString();
  const [date, rest = ''] = iso.split('T');
  const time = rest.replace(/(\.\d+)?Z$/, '');
  if (opts.dateOnly || time === '00:00:00') return date;
  return `${date} ${time.slice(0, 5)}`;
}

export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return Math.abs(v) >= 10_000 ? v.toLocaleString('en-US') : String(v);
  if (Math.abs(v) < 1) return v.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
  return v.toFixed(Math.abs(v) < 100 ? 2 : 1);
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (isIsoTime(v)) return formatUtc(v);
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function formatSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined || Number.isNaN(s)) return '';
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} d`;
}
