// Time formats of the Deployments calendar, one named function each. The generator
// (mediawiki/tools/release make-deployment-calendar) writes `when=YYYY-MM-DD HH:MM SF`:
// the schedule's hours are San Francisco wall-clock time (utc_late_backport at "13" is
// the announced 21:00 UTC in winter), so "SF" means America/Los_Angeles, DST included.
// The rendered page carries ISO UTC instants in data-utcstart / data-utcend.

const PACIFIC = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hourCycle: 'h23',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});

/** Minutes east of UTC of America/Los_Angeles at the given instant (-480 or -420). */
function pacificOffsetMinutes(at: Date): number {
  const p = Object.fromEntries(PACIFIC.formatToParts(at).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((wall - Math.floor(at.getTime() / 60000) * 60000) / 60000);
}

/** A San Francisco wall-clock time → the UTC instant (the DST offset of that moment). */
export function pacificWallToUtc(y: number, mo: number, d: number, h: number, mi: number): Date {
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let guess = new Date(wall + 8 * 3600_000);
  for (let i = 0; i < 2; i++) guess = new Date(wall - pacificOffsetMinutes(guess) * 60_000);
  return guess;
}

const WHEN = /^\s*(\d{4})-(\d{2})-(\d{2})\s+(\d{1,2}):(\d{2})\s*(SF|UTC)?\s*$/i;

/** `2021-08-24 23:00 SF` (Pacific) or `2021-08-24 23:00 UTC` → UTC instant; null if unreadable. */
export function parseCalendarWhen(text: string): Date | null {
  const m = WHEN.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1, 6).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  if (m[6]?.toUpperCase() === 'UTC') return new Date(Date.UTC(y, mo - 1, d, h, mi));
  return pacificWallToUtc(y, mo, d, h, mi);
}

/** `data-utcstart="2024-12-02T08:00:00+00:00"` (or with Z, or no seconds) → instant; null if unreadable. */
export function parseUtcAttribute(text: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const zone = !m[4] || m[4] === 'Z' ? 'Z' : m[4].includes(':') ? m[4] : `${m[4].slice(0, 3)}:${m[4].slice(3)}`;
  const d = new Date(`${m[1]}T${m[2]}${m[3] ?? ':00'}${zone}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Hours as the calendar writes a length ("1", "0.5", "24") → milliseconds; null if unreadable. */
export function parseLengthHours(text: string | number | undefined): number | null {
  if (text === undefined || text === '') return 3600_000;
  const n = Number(String(text).trim());
  return Number.isFinite(n) && n > 0 && n <= 48 ? Math.round(n * 3600_000) : null;
}
