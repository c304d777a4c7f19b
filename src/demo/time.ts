// Time in the demo world: the world ends at the clock's "now" (passed in, never read from
// the system here), so the demo always shows recent history; every event is an offset from
// the world's start, so the same seed and the same now give the same world.

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

export const at = (base: Date, ms: number): Date => new Date(base.getTime() + Math.round(ms));

/** The world's span: from the Monday (00:00 UTC) `weeks` weeks before now, to now. */
export function worldSpan(now: Date, weeks: number): { start: Date; end: Date } {
  const back = new Date(now.getTime() - weeks * WEEK);
  const monday = Date.UTC(back.getUTCFullYear(), back.getUTCMonth(), back.getUTCDate()) - ((back.getUTCDay() + 6) % 7) * DAY;
  return { start: new Date(monday), end: new Date(now.getTime()) };
}
