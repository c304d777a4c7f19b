// The one Retry-After parser (RFC 9110 §10.2.3): `Retry-After = HTTP-date / delay-seconds`.
// An HTTP-date is read in all three forms a recipient must accept (§5.6.7: IMF-fixdate, the
// obsolete RFC 850 form and asctime), always as UTC and strictly: Date.parse would read "2"
// as the year 2001 and an asctime date in the local zone. Pure: `now` is an argument.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MON = MONTHS.join('|');
const TIME = String.raw`(\d\d):(\d\d):(\d\d)`;
/** Sun, 06 Nov 1994 08:49:37 GMT */
const IMF_FIXDATE = new RegExp(String.raw`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) (${MON}) (\d{4}) ${TIME} GMT$`);
/** Sunday, 06-Nov-94 08:49:37 GMT */
const RFC850 = new RegExp(String.raw`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\d\d)-(${MON})-(\d\d) ${TIME} GMT$`);
/** Sun Nov  6 08:49:37 1994 */
const ASCTIME = new RegExp(String.raw`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (${MON}) ( \d|\d\d) ${TIME} (\d{4})$`);

function utc(year: number, month: string, day: number, h: string, m: string, s: string): Date | null {
  const t = Date.UTC(year, MONTHS.indexOf(month), day, Number(h), Number(m), Number(s));
  const d = new Date(t);
  // 31 Feb or 25:00 roll over in Date.UTC; a date that rolled over was not a real date
  if (Number.isNaN(t) || d.getUTCDate() !== day || d.getUTCHours() !== Number(h) || Number(s) > 60) return null;
  return d;
}

/** An HTTP-date in any of its three forms → Date; null when the text is none of them. */
export function parseHttpDate(value: string, now: Date): Date | null {
  let m = IMF_FIXDATE.exec(value);
  if (m) return utc(Number(m[3]), m[2], Number(m[1]), m[4], m[5], m[6]);
  m = RFC850.exec(value);
  if (m) {
    // two-digit year: the most recent year with those digits that is not more than 50 years ahead (§5.6.7)
    let year = Math.floor(now.getUTCFullYear() / 100) * 100 + Number(m[3]);
    if (year > now.getUTCFullYear() + 50) year -= 100;
    return utc(year, m[2], Number(m[1]), m[4], m[5], m[6]);
  }
  m = ASCTIME.exec(value);
  if (m) return utc(Number(m[6]), m[1], Number(m[2].trim()), m[3], m[4], m[5]);
  return null;
}

/**
 * Retry-After → milliseconds to wait from `now`: delta-seconds as given, an HTTP-date as the
 * time left until it (0 when it has passed). null when the header is absent or unreadable,
 * so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000; // may be Infinity for absurd lengths: beyond any cap
  const at = parseHttpDate(v, now);
  return at ? Math.max(0, at.getTime() - now.getTime()) : null;
}
