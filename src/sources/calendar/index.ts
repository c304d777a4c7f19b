// The `calendar` source: planned deployment windows from the wikitech Deployments
// calendar (rendered HTML, page wikitext or the generator's schedule).
// `shiplog import calendar <file|folder|url> [--option from=YYYY-MM-DD …]` or sources.calendar.
import { resolve } from 'node:path';
import type { Source } from '../types.ts';
import { collectCalendar } from './collect.ts';
import { calendarConfigSchema, type CalendarConfig } from './config.ts';
import { normalizeCalendar } from './normalize.ts';

const scopeOf = (p: string) => (/^https?:\/\//.test(p) ? p : resolve(p));

export const calendarSource: Source<CalendarConfig> = {
  name: 'calendar',
  description: 'Planned backport/SWAT/train windows from the Deployments calendar (HTML, wikitext, YAML schedule)',
  configSchema: calendarConfigSchema,
  scopes: ({ config, paths }) => (paths.length > 0 ? paths : (config?.paths ?? [])).map(scopeOf),
  collect: collectCalendar,
  normalize: normalizeCalendar,
};
