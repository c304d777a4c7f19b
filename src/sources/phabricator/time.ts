// Time formats the Phabricator source reads, one named function each: Conduit epochs
// (seconds since 1970 as a number or a numeric string, as maniphest.search and the older
// maniphest.gettasktransactions give them). Retry-After is the shared HTTP client's.

/** Conduit epoch seconds → Date; null/""/0 → null. Throws naming the field on garbage. */
export function parseConduitEpoch(value: unknown, field: string): Date | null {
  if (value === null || value === undefined || value === '' || value === 0 || value === '0') return null;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0) throw new Error(`${field}: not a Conduit epoch: ${JSON.stringify(value)}`);
  return new Date(Math.round(n * 1000));
}

/** custom.release.date (a date field: epoch seconds) → "YYYY-MM-DD"; a non-numeric string is kept as given. */
export function parseReleaseDate(value: unknown): string | null {
  if (typeof value === 'string' && value !== '' && !/^\d+(\.\d+)?$/.test(value)) return value;
  const d = parseConduitEpoch(value, 'fields.custom.release.date');
  return d ? d.toISOString().slice(0, 10) : null;
}
