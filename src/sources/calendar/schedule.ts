// Expands the generator's schedule (mediawiki/tools/release make-deployment-calendar,
// deployments-calendar.yaml/.json) into dated windows for the weeks asked for, as the
// generator does: `schedule.<days>` = [{name, hour, minute?, length?, vars?}] with cron
// day specs ("mon-wed", "tue,thu"), active alternate schedules `schedule@<name>` appended
// per day key, each day at monday + (cron day − 1) (so "sun" is the day before Monday),
// hours in San Francisco time (time.ts), `<%= var %>` placeholders filled from vars. Pure.
import { parse } from 'yaml';
import type { Reject } from '../types.ts';
import { deployersOf, type CalendarEntry } from './entry.ts';
import { plainText } from './names.ts';
import { parseLengthHours, pacificWallToUtc } from './time.ts';

export interface ScheduleParams {
  from: Date; // first day wanted (UTC date)
  until: Date; // last day wanted (inclusive)
  schedules: string[]; // active alternate schedules, e.g. ["UTC-7"]
  vars: Record<string, string>; // e.g. version, train_deployer
}

interface Slot {
  name: string;
  hour: string | number;
  minute?: string | number;
  length?: string | number;
  vars?: Record<string, string>;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Cron day spec → day numbers (0 = Sunday): "mon-wed" → [1,2,3], "tue,thu" → [2,4], "*" → all. */
export function cronDays(spec: string): number[] | null {
  const out = new Set<number>();
  for (const part of spec.toLowerCase().split(',')) {
    if (part.trim() === '*') return [0, 1, 2, 3, 4, 5, 6];
    const [a, b] = part.split('-').map((s) => s.trim());
    const from = /^\d$/.test(a) ? Number(a) : DAYS.indexOf(a);
    const to = b === undefined ? from : /^\d$/.test(b) ? Number(b) : DAYS.indexOf(b);
    if (from < 0 || to < 0 || from > 7 || to > 7) return null;
    for (let d = from; d <= to; d++) out.add(d % 7);
  }
  return [...out];
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/<%=\s*(\w+)\s*%>/g, (_, k: string) => vars[k] ?? '').replace(/\s{2,}/g, ' ').trim();
}

function mondayOnOrBefore(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86400_000);
}

export function expandSchedule(text: string, file: string, p: ScheduleParams): { entries: CalendarEntry[]; rejects: Reject[] } {
  const rejects: Reject[] = [];
  let doc: { windows?: Record<string, { deployer?: string; window?: string }>; vars?: Record<string, string>; [k: string]: unknown };
  try {
    doc = parse(text);
  } catch (err) {
    return { entries: [], rejects: [{ location: file, reason: `not YAML/JSON: ${(err as Error).message.split('\n')[0]}` }] };
  }
  if (!doc || typeof doc !== 'object' || !doc.windows || !doc.schedule) {
    return { entries: [], rejects: [{ location: file, reason: 'no "windows" and "schedule" keys: not a deployments-calendar schedule' }] };
  }
  const days: Record<string, Slot[]> = { ...(doc.schedule as Record<string, Slot[]>) };
  for (const name of p.schedules) {
    const alt = doc[`schedule@${name}`] as Record<string, Slot[]> | undefined;
    if (!alt) {
      rejects.push({ location: `${file}#schedule@${name}`, reason: `alternate schedule "${name}" not found` });
      continue;
    }
    for (const [k, v] of Object.entries(alt)) days[k] = [...(days[k] ?? []), ...v];
  }
  const entries: CalendarEntry[] = [];
  const firstDay = new Date(Date.UTC(p.from.getUTCFullYear(), p.from.getUTCMonth(), p.from.getUTCDate()));
  for (let monday = mondayOnOrBefore(p.from); monday <= p.until; monday = new Date(monday.getTime() + 7 * 86400_000)) {
    for (const [spec, slots] of Object.entries(days)) {
      const dows = cronDays(spec);
      if (!dows) {
        rejects.push({ location: `${file}#schedule.${spec}`, reason: `unreadable day spec "${spec}"` });
        continue;
      }
      for (const [i, slot] of slots.entries()) {
        const location = `${file}#schedule.${spec}[${i}]`;
        const def = doc.windows[slot.name];
        const length = parseLengthHours(slot.length);
        const hours = String(slot.hour).split(',').map(Number);
        const minutes = String(slot.minute ?? '0').split(',').map(Number);
        if (!def || length === null || hours.some((h) => !(h >= 0 && h < 24)) || minutes.some((m) => !(m >= 0 && m < 60))) {
          if (monday.getTime() === mondayOnOrBefore(firstDay).getTime()) {
            rejects.push({ location, reason: def ? `unreadable hour/minute/length in ${JSON.stringify(slot)}` : `window "${slot.name}" is not defined under "windows"` });
          }
          continue;
        }
        const vars = { ...(doc.vars ?? {}), ...p.vars, ...(slot.vars ?? {}) };
        for (const dow of dows) {
          const day = new Date(monday.getTime() + (dow - 1) * 86400_000);
          if (day < firstDay || day > p.until) continue;
          for (const h of hours) {
            for (const mi of minutes) {
              const start = pacificWallToUtc(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), h, mi);
              entries.push({
                start, end: new Date(start.getTime() + length), rawName: fill(def.window ?? slot.name, vars),
                deployers: deployersOf(fill(def.deployer ?? '', vars), plainText), requesters: [], requested: [],
                location: `${location}@${day.toISOString().slice(0, 10)}`,
              });
            }
          }
        }
      }
    }
  }
  return { entries, rejects };
}
