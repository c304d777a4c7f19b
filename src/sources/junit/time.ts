// Time and duration formats of JUnit XML, one named function each.
// `time` is seconds as a decimal ("0.068151"; Ant and some reporters write "1,234.5");
// `timestamp` is ISO 8601 without a zone ("2020-10-27T21:39:41"), which JUnit means as UTC
// (Ant's XMLJUnitResultFormatter writes it in UTC; jest-junit and wdio use toISOString()).

/** Seconds → milliseconds; null when absent or not a number. */
export function parseJUnitSeconds(value: string | undefined): number | null {
  if (value === undefined) return null;
  let n = plainDecimal(value); // the usual form, read without Number()'s slower general path
  if (Number.isNaN(n)) {
    if (value.trim() === '') return null;
    n = Number(value.trim().replace(/,/g, ''));
  }
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 1e6) / 1e3 : null;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * "<digits>" or "<digits>.<digits>" of at most 15 digits, else NaN. Equal to Number(value):
 * the digits and the power of ten are exact doubles, so one division rounds like the decimal.
 */
export function plainDecimal(value: string): number {
  const n = value.length;
  if (n === 0 || n > 16) return Number.NaN;
  let digits = 0;
  let dot = -1;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits = digits * 10 + (c - 0x30);
    else if (c === 0x2e && dot === -1 && i > 0 && i < n - 1) dot = i;
    else return Number.NaN;
  }
  return dot === -1 ? (n <= 15 ? digits : Number.NaN) : digits / POW10[n - 1 - dot];
}

/** A JUnit `timestamp` attribute as UTC; a zone suffix, when present, is honoured. */
export function parseJUnitTimestamp(value: string | undefined): Date | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(`${m[1]}T${m[2]}${m[3] ?? 'Z'}`);
  return Number.isNaN(d.getTime()) ? null : d;
}
