// Writes the world's windows as the Deployments calendar really published them: the
// SWAT-era weeks as page wikitext (`{{#invoke:Deployment schedule|row}}`, `when=… SF` in
// San Francisco time, {{ircnick}} deployers, requested changes as `{{gerrit|N}}` lines), the
// later weeks as the rendered page (`.deploycal-item` with data-utcstart/-utcend, as
// jouncebot reads it). Also the deployer workflow's events for some later windows (JSON
// lines, as `shiplog window start`, `shiplog deploy -- scap …` and `window done` record
// them; the same deploys are in the SAL too, as in real life).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoImport } from '../emitters.ts';
import { rng } from '../rng.ts';
import type { DemoChange, DemoPerson, DemoWindow, DemoWorld } from '../types.ts';

const PACIFIC = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});

/** A UTC instant as the generator's `when=YYYY-MM-DD HH:MM SF` (Pacific wall-clock time). */
export function sfWhen(at: Date): string {
  const p = Object.fromEntries(PACIFIC.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} SF`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const hours = (w: DemoWindow) => (w.plannedEnd.getTime() - w.plannedStart.getTime()) / 3_600_000;

interface Ctx {
  people: Map<string, DemoPerson>;
  changes: Map<number, DemoChange>;
  host: string;
}

function wikitextRow(w: DemoWindow, c: Ctx): string {
  const who = w.deployers.map((id) => c.people.get(id)!).map((p) => `{{ircnick|${p.ircNick}|${p.name.split(' ')[0]}}}`).join(', ');
  const what = w.requested.map((n) => {
    const ch = c.changes.get(n);
    const owner = ch ? c.people.get(ch.owner) : undefined;
    return `${owner ? `{{ircnick|${owner.ircNick}|${owner.name}}}\n` : ''}* [config] {{gerrit|${n}}} ${ch?.subject.replace(/[{}|]/g, '') ?? ''}`;
  });
  const name = w.name.replace(/\s*\((Max \d+ patches)\)/, "<br/><small>'''($1)'''</small>");
  const title = w.kind === 'backport' ? `[[SWAT deploys|${name}]]` : name;
  return `{{#invoke:Deployment schedule|row\n    |when=${sfWhen(w.plannedStart)}\n    |length=${hours(w)}\n    |window=${title}\n    |who=${who}\n    |what=\n{{ircnick|irc-nickname|Requesting Developer}}\n${what.join('\n')}\n}}`;
}

function htmlItem(w: DemoWindow, c: Ctx): string {
  const nick = (p: DemoPerson) => `<span class="ircnick-container"><span class="ircnick" title="IRC nickname">${esc(p.ircNick)}</span> (${esc(p.name.split(' ')[0])})</span>`;
  const changes = w.requested.map((n) => {
    const ch = c.changes.get(n);
    const owner = ch ? c.people.get(ch.owner) : undefined;
    const url = `https://${c.host}/r/c/${ch?.repo ?? 'operations/mediawiki-config'}/+/${n}`;
    return `${owner ? nick(owner) : ''}<ul><li><a class="external text" href="${esc(url)}">${n}</a> ${esc(ch?.subject ?? '')}</li></ul>`;
  }).join('\n');
  const warn = w.kind === 'backport' ? `<br /><small><b>Your patch may or may not be deployed at the sole discretion of the deployer</b><br /><b>(Max ${w.maxPatches} patches)</b></small>` : '';
  const name = w.kind === 'backport' ? `<a href="/wiki/Backport_windows" title="Backport windows">${esc(w.name)}</a>${warn}` : esc(w.name);
  const id = `deploycal-item-${w.plannedStart.toISOString().slice(0, 16).replace(/[-:T]/g, '')}`;
  return `<tr class="deploycal-item" id="${id}" data-utcstart="${w.plannedStart.toISOString().replace('.000Z', '+00:00')}" data-utcend="${w.plannedEnd.toISOString().replace('.000Z', '+00:00')}">
<td class="deploycal-item-time"><span class="deploycal-time-utc"><time datetime="${w.plannedStart.toISOString()}">${w.plannedStart.toISOString().slice(11, 16)}</time>–<time datetime="${w.plannedEnd.toISOString()}">${w.plannedEnd.toISOString().slice(11, 16)}</time> UTC</span></td>
<td class="deploycal-item-window">${name}</td>
<td class="deploycal-item-deployer">${w.deployers.map((id) => nick(c.people.get(id)!)).join(', ')}</td>
<td class="deploycal-item-changes"><span class="ircnick">irc-nickname</span> (Requesting Developer)
${changes}</td>
</tr>`;
}

/** window-open / window-done events for a deployer who used `shiplog window` (later era, some windows). */
function workflowEvents(world: DemoWorld, later: DemoWindow[], c: Ctx): string[] {
  const r = rng(world.seed * 104729 + 11);
  const out: string[] = [];
  for (const w of later.filter((x) => x.kind === 'backport')) {
    const deps = world.deployments.filter((d) => d.windowId === w.id);
    if (deps.length === 0 || !r.chance(0.25)) continue;
    const p = c.people.get(w.deployers[0])!;
    const opened = new Date(Math.min(w.plannedStart.getTime() + r.int(0, 3) * 60_000, ...deps.map((d) => d.startedAt.getTime() - 1000)));
    const closed = new Date(Math.max(...deps.map((d) => (d.finishedAt ?? d.startedAt).getTime())) + r.int(1, 4) * 60_000);
    const open = {
      type: 'window-open', window_id: `${opened.toISOString().slice(0, 16).replace(/[-:]/g, '')}Z-wf-${r.hex(6)}`,
      name: w.name, opened_at: opened.toISOString(), deployer: p.username, host: deps[0].host,
    };
    out.push(JSON.stringify(open));
    for (const d of deps) {
      const command = d.kind === 'backport' ? ['scap', 'backport', ...d.changes.map(String)]
        : d.kind === 'sync-file' ? ['scap', 'sync-file', d.path ?? 'wmf-config/InitialiseSettings.php', d.message] : ['scap', 'sync-world', d.message];
      const start = {
        type: 'deploy-start', deploy_id: `${d.startedAt.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z-${r.hex(8)}`, window_id: open.window_id,
        forced: false, kind: d.kind, command, message: d.kind === 'backport' ? null : d.message, changes: d.changes,
        tasks: d.tasks.map((t) => `T${t}`), started_at: new Date(d.startedAt.getTime() - 2000).toISOString(), deployer: p.username, host: d.host,
      };
      const finished = new Date((d.finishedAt ?? d.startedAt).getTime() + 1000);
      const exit = d.outcome === 'ok' ? 0 : d.outcome === 'aborted' ? 130 : 1;
      out.push(JSON.stringify(start), JSON.stringify({ ...start, type: 'deploy-end', finished_at: finished.toISOString(), exit_code: exit, outcome: d.outcome, staged: d.staged }));
    }
    out.push(JSON.stringify({ ...open, type: 'window-done', closed_at: closed.toISOString() }));
  }
  return out;
}

export async function emitCalendar(world: DemoWorld, dir: string): Promise<DemoImport[]> {
  const c: Ctx = { people: new Map(world.people.map((p) => [p.id, p])), changes: new Map(world.changes.map((ch) => [ch.number, ch])), host: world.gerritHost };
  const swatUntil = world.windows.find((w) => w.kind === 'backport' && !/SWAT/.test(w.name))?.plannedStart ?? world.end;
  const old = world.windows.filter((w) => w.plannedStart < swatUntil);
  const later = world.windows.filter((w) => w.plannedStart >= swatUntil);
  const folder = join(dir, 'calendar');
  await mkdir(folder, { recursive: true });
  const days = new Map<string, DemoWindow[]>();
  for (const w of old) days.set(w.plannedStart.toISOString().slice(0, 10), [...(days.get(w.plannedStart.toISOString().slice(0, 10)) ?? []), w]);
  const wikitext = [...days].map(([day, ws]) => `==={{Deployment_day|date=${day}}}===\n{{#invoke:Deployment schedule|formatTable|hidedate=false|\n${ws.map((w) => wikitextRow(w, c)).join('|\n')}\n}}`);
  const files = [join(folder, 'Deployments-swat-era.wikitext'), join(folder, 'Deployments.html')];
  await writeFile(files[0], `==Week of ${old[0]?.plannedStart.toISOString().slice(0, 10) ?? ''}==\n${wikitext.join('\n')}\n`);
  await writeFile(files[1], `<div class="mw-parser-output">\n<table class="deploycal">\n${later.map((w) => htmlItem(w, c)).join('\n')}\n</table></div>\n`);
  const events = workflowEvents(world, later, c);
  const wf = join(dir, 'workflow', 'windows.jsonl');
  await mkdir(join(dir, 'workflow'), { recursive: true });
  await writeFile(wf, events.join('\n') + '\n');
  return [
    { source: 'calendar', paths: [files[0]], options: { name: 'wikitech Deployments (SWAT era)' } },
    { source: 'calendar', paths: [files[1]], options: { name: 'wikitech Deployments' } },
    { source: 'workflow', paths: [wf], options: { name: 'recorded workflow events' } },
  ];
}
