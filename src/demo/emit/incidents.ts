// Writes the world's incidents as wikitech incident reports: the earlier ones as
// `Incident_documentation/YYYYMMDD-Name` pages in the 2019 template (Timeline with OUTAGE
// BEGINS / OUTAGE ENDS), the later ones as `Incidents/YYYY-MM-DD Name` pages with
// {{irdoc}} and an incident scorecard (start=/end=). A report whose cause is known names
// the change the deployment carried ([[gerrit:N]]); the others only say what happened.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoImport } from '../emitters.ts';
import type { DemoDeployment, DemoIncident, DemoWorld } from '../types.ts';

const hhmm = (d: Date) => d.toISOString().slice(11, 16);
const day = (d: Date) => d.toISOString().slice(0, 10);

/** A timeline line; dated when it is not on the title's day (the parser rolls days forward only). */
function entry(at: Date, titleDay: string, text: string): string {
  return `* ${day(at) === titleDay ? '' : `${day(at)} `}${hhmm(at)} ${text}`;
}

function report(i: DemoIncident, cause: DemoDeployment | undefined, modern: boolean): string {
  const titleDay = day(i.startedAt);
  const lines: string[] = [];
  if (modern) {
    lines.push('{{irdoc|status=final}}', '{{Incident scorecard', `| id = ${i.id}`, `| task = T${i.tasks[0]}`,
      `| start = ${day(i.startedAt)} ${hhmm(i.startedAt)}:00`, `| end = ${day(i.endedAt)} ${hhmm(i.endedAt)}:00`,
      `| impact = ${i.title}.`, '}}', '');
  }
  lines.push('==Summary==', `${i.title}. ${i.summary}`, '', '==Detection==',
    `Automated alerting paged the on-call SRE ${Math.round((i.detectedAt.getTime() - i.startedAt.getTime()) / 60_000)} minutes after the errors began.`, '',
    '==Timeline==', 'All times in UTC.');
  if (cause) {
    const what = cause.changes.length ? `deployment of ${cause.changes.map((n) => `[[gerrit:${n}]]`).join(', ')}` : `${cause.kind} ${cause.version ?? ''}`.trim();
    lines.push(entry(cause.startedAt, titleDay, `${what} starts`));
  }
  lines.push(entry(i.startedAt, titleDay, 'error rate rises. OUTAGE BEGINS'));
  lines.push(entry(i.detectedAt, titleDay, 'icinga pages for high error rate'));
  lines.push(entry(i.endedAt, titleDay, `${cause ? 'revert deployed' : 'service restarted'}, errors back to normal. OUTAGE ENDS`));
  lines.push('', '==Actionables==', ...i.tasks.map((t) => `* Follow-up: [[phab:T${t}]]`));
  if (cause) lines.push(...i.changes.map((n) => `* Add a test that would have caught [[gerrit:${n}]]`));
  return `${lines.join('\n')}\n`;
}

export async function emitIncidents(world: DemoWorld, dir: string): Promise<DemoImport[]> {
  const folder = join(dir, 'incidents');
  await mkdir(folder, { recursive: true });
  const byId = new Map(world.deployments.map((d) => [d.id, d]));
  const modernFrom = world.incidents[Math.floor(world.incidents.length / 2)]?.startedAt ?? world.end;
  for (const i of world.incidents) {
    const modern = i.startedAt >= modernFrom;
    const [date, ...name] = i.id.split(' ');
    const file = modern ? `Incidents-${date}_${name.join('_')}.wikitext` : `Incident_documentation-${date.replace(/-/g, '')}-${name.join('_')}.wikitext`;
    await writeFile(join(folder, file), report(i, i.causedBy ? byId.get(i.causedBy) : undefined, modern));
  }
  return [{ source: 'incidents', paths: [folder], options: { name: 'wikitech incident reports' } }];
}
