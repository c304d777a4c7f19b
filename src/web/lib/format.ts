// How values show in tables and charts. Text only: the UI renders every value as a
// text node (never as HTML), so a commit subject with <b> shows the characters <b>.

const KEY_PREFIX = /^(change|task|commit|build|deploy|window|train|incident|person|repo):\S/;

export function looksLikeKey(v: unknown): v is string {
  return typeof v === 'string' && KEY_PREFIX.test(v) && v.length < 300;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' && ISO.test(v)) return v.replace('T', ' ').replace(/(:\d{2})(\.000)?Z$/, '$1Z');
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function formatSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined) return '';
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} d`;
}
