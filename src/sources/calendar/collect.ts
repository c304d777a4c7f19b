// Reads calendar files (a folder: every file in it) or URLs (through the shared HTTP
// client) and yields each unchanged as one raw item whose kind says the format: `html`
// (rendered page), `wikitext` (page source), `schedule` (generator YAML/JSON; the weeks to
// expand are part of the key, so normalize stays pure). I/O only; an unreadable or
// unrecognised file is a reject.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ShiplogError } from '../../lib/errors.ts';
import type { HttpClient } from '../../lib/http/client.ts';
import { httpClientFor } from '../http.ts';
import type { Batch, CollectContext, RawItem, Reject } from '../types.ts';
import type { CalendarConfig } from './config.ts';

/** The format of a calendar text, or null when it is none of them. */
export function detectFormat(text: string, name: string): 'html' | 'wikitext' | 'schedule' | null {
  if (/^\s*\{\s*"parse"\s*:/.test(text)) return /\{\{|"wikitext"/.test(text) && !/deploycal-item/.test(text) ? 'wikitext' : 'html'; // api.php?action=parse
  if (/\bdeploycal-item\b/.test(text)) return 'html';
  if (/\{\{\s*(Deployment calendar event card|#invoke:\s*Deployment schedule)/i.test(text)) return 'wikitext';
  if (/\.(ya?ml|json)(\.|$)/i.test(name) || /^\s*\{/.test(text)) {
    if (/"?schedule"?\s*:/.test(text) && /"?windows"?\s*:/.test(text)) return 'schedule';
  }
  return null;
}

/** The schedule expansion parameters, kept in the raw key: `file?from=…&until=…&schedules=…&var.version=…`. */
export function scheduleKey(file: string, ctx: CollectContext<CalendarConfig>): string | Reject {
  const o = ctx.options;
  const from = (o.from as string | undefined) ?? ctx.config?.from;
  const until = (o.until as string | undefined) ?? ctx.config?.until ?? from;
  if (!from || !/^\d{4}-\d{2}-\d{2}$/.test(from) || !until || !/^\d{4}-\d{2}-\d{2}$/.test(until)) {
    return { location: file, reason: 'a schedule file needs the days to lay it out on: --option from=YYYY-MM-DD [--option until=YYYY-MM-DD] (or sources.calendar.from/until)' };
  }
  const schedules = o.schedules !== undefined ? String(o.schedules).split(',').filter(Boolean) : (ctx.config?.schedules ?? []);
  const q = new URLSearchParams({ from, until });
  if (schedules.length) q.set('schedules', schedules.join(','));
  const vars = { ...(ctx.config?.vars ?? {}) };
  for (const [k, v] of Object.entries(o)) if (k.startsWith('var.')) vars[k.slice(4)] = String(v);
  for (const [k, v] of Object.entries(vars).sort()) q.set(`var.${k}`, v);
  return `${basename(file)}?${q}`;
}

async function readText(path: string, http: HttpClient): Promise<string> {
  return /^https?:\/\//.test(path) ? http.text(path) : readFileSync(path, 'utf8');
}

function filesOf(path: string): string[] {
  if (/^https?:\/\//.test(path)) return [path];
  const abs = resolve(path);
  if (!statSync(abs).isDirectory()) return [abs];
  return readdirSync(abs).filter((f) => !f.startsWith('.')).sort().map((f) => join(abs, f));
}

export async function* collectCalendar(ctx: CollectContext<CalendarConfig>): AsyncGenerator<Batch> {
  const items: RawItem[] = [];
  const rejects: Reject[] = [];
  const http = httpClientFor(ctx);
  let files: string[];
  try {
    files = filesOf(ctx.scope);
  } catch (err) {
    throw new ShiplogError('bad_request', `calendar: cannot read ${ctx.scope}: ${(err as Error).message}`, { cause: err });
  }
  for (const file of files) {
    let text: string;
    try {
      text = await readText(file, http);
    } catch (err) {
      if (err instanceof ShiplogError) throw err;
      rejects.push({ location: file, reason: `cannot read: ${(err as Error).message}` });
      continue;
    }
    const kind = detectFormat(text, file);
    if (!kind) {
      rejects.push({ location: file, reason: 'not a Deployments calendar (no .deploycal-item, no event card, no schedule)' });
      continue;
    }
    const key = kind === 'schedule' ? scheduleKey(file, ctx) : basename(file);
    if (typeof key !== 'string') {
      rejects.push(key);
      continue;
    }
    items.push({ kind, key, payload: text, url: file });
  }
  yield { items, rejects, cursor: null, progress: { done: files.length, total: files.length } };
}
