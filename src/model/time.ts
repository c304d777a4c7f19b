// The one reader of dates and times that people type (since=, until=, the web's date
// fields): YYYY-MM-DD, or an ISO time; no zone means UTC. One wording for a bad value,
// whichever route or page reads it. Pure and free of zod: the web imports it too
// (time-schema.ts holds the zod schema the routes use).
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export const DATE_HINT = 'expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]Z, in UTC';

/** `"2024-13-45" is not a date (expected …)`: the wording for a bad value, the same everywhere. */
export function notADate(value: string): string {
  return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}" is not a date (${DATE_HINT})`;
}

function validParts(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate(); // the last day of that month
}

/** A typed date or time as a Date (UTC when no zone is given), or null when it is not one. */
export function parseUtcTime(text: string): Date | null {
  const t = text.trim();
  const d = DATE.exec(t);
  if (d) {
    const [y, mo, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    return validParts(y, mo, day) ? new Date(Date.UTC(y, mo - 1, day)) : null;
  }
  const m = TIME.exec(t);
  if (!m) return null;
  const [y, mo, day, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  if (!validParts(y, mo, day, h, mi, s)) return null;
  const ms = m[7] ? Math.floor(Number(m[7]) * 1000) : 0;
  let at = Date.UTC(y, mo - 1, day, h, mi, s, ms);
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    if (offsetMin > 14 * 60) return null;
    at -= sign * offsetMin * 60_000;
  }
  return new Date(at);
}
