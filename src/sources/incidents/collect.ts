// Reads incident report files (a folder: every file in it; an http(s) scope is a MediaWiki
// api.php, read by collect-api.ts), each unchanged as one raw item
// `report`. The key is the file name plus the configured preceding_hours
// (`<file>?preceding_hours=4`), so normalize stays pure and a config change re-derives the
// time-proximity window. I/O only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ShiplogError } from '../../lib/errors.ts';
import type { Batch, CollectContext, RawItem, Reject } from '../types.ts';
import { collectIncidentsApi } from './collect-api.ts';
import { DEFAULT_PRECEDING_HOURS, type IncidentsConfig } from './config.ts';

function filesOf(path: string): string[] {
  const abs = resolve(path);
  if (!statSync(abs).isDirectory()) return [abs];
  return readdirSync(abs).filter((f) => !f.startsWith('.')).sort().map((f) => join(abs, f));
}

export async function* collectIncidents(ctx: CollectContext<IncidentsConfig>): AsyncGenerator<Batch> {
  const hours = Number(ctx.options.preceding_hours ?? ctx.config?.preceding_hours ?? DEFAULT_PRECEDING_HOURS);
  if (!Number.isInteger(hours) || hours < 0) throw new ShiplogError('config_invalid', `incidents: preceding_hours must be a whole number of hours, got ${ctx.options.preceding_hours}`);
  if (/^https?:\/\//.test(ctx.scope)) {
    yield* collectIncidentsApi(ctx, hours);
    return;
  }
  let files: string[];
  try {
    files = filesOf(ctx.scope);
  } catch (err) {
    throw new ShiplogError('bad_request', `incidents: cannot read ${ctx.scope}: ${(err as Error).message}`, { cause: err });
  }
  const items: RawItem[] = [];
  const rejects: Reject[] = [];
  for (const file of files) {
    try {
      items.push({ kind: 'report', key: `${basename(file)}?preceding_hours=${hours}`, payload: readFileSync(file, 'utf8'), url: file });
    } catch (err) {
      rejects.push({ location: file, reason: `cannot read: ${(err as Error).message}` });
    }
  }
  yield { items, rejects, cursor: null, progress: { done: files.length, total: files.length } };
}
