// utcTime: the zod schema for since/until that every route and report uses, over the one
// date reader of time.ts (kept apart so the web bundle does not carry zod).
import { z } from 'zod';
import { notADate, parseUtcTime } from './time.ts';

/**
 * A query parameter that is a date or time: the text (or a Date, for callers in process)
 * becomes a Date; anything else fails with notADate's wording. The issue's path names the
 * parameter, so the message leads with `<path>: ` in every error shape.
 */
export const utcTime = z.union([z.instanceof(Date), z.string()]).transform((v, ctx) => {
  if (v instanceof Date) {
    if (!Number.isNaN(v.getTime())) return v;
  } else {
    const d = parseUtcTime(v);
    if (d) return d;
  }
  ctx.addIssue({ code: 'custom', message: notADate(v instanceof Date ? 'Invalid Date' : v) });
  return z.NEVER;
}).describe('a date (YYYY-MM-DD) or an ISO time; UTC when no zone is given');
