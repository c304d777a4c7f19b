// Time and duration formats of JUnit XML, one named function each.
// `time` is seconds as a decimal ("0.068151"; Ant and some reporters write "1,234.5");
// `timestamp` is ISO 8601 without a zone ("2020-10-27T21:39:41"), which JUnit means as UTC
// (Ant's XMLJUnitResultFormatter writes it in UTC; jest-junit and wdio use toISOString()).

/** Seconds → milliseconds; null when absent or not a number. */
export function parseJUnitSeconds(value: string | undefined): number | null {
  if (value === undefined) return null;
  // Number() skips the same white space as trim(); only "" and blanks must not read as 0
  const n = value.includes(',') ? Number(value.trim().replace(/,/g, '')) : Number(value);
  if (n === 0 && value.trim() === '') return null;
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 1e6) / 1e3 : null;
}

/** A JUnit `timestamp` attribute as UTC; a zone suffix, when present, is honoured. */
export function parseJUnitTimestamp(value: string | undefined): Date | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(`${m[1]}T${m[2]}${m[3] ?? 'Z'}`);
  return Number.isNaN(d.getTime()) ? null : d;
}
