// US Mountain time (America/Denver, with its DST rules) for the train's weekday rule:
// train-stats takes the ISO weekday of each group's roll-forward in the conductor's local
// time. Uses Intl (Node 20 ships full ICU), so no tz tables are kept here. Pure.

const WEEKDAY = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Denver', weekday: 'short' });
const ISO: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** ISO weekday (Monday = 1 … Sunday = 7) of an instant in US Mountain time. */
export function mountainIsoWeekday(at: Date): number {
  const day = ISO[WEEKDAY.format(at)];
  if (day === undefined) throw new Error(`mountainIsoWeekday: unexpected weekday "${WEEKDAY.format(at)}" for ${at.toISOString()}`);
  return day;
}
