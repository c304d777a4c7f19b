// Writes the world's deployments as Server Admin Log entries in the real forms of their
// era: the SWAT-era weeks as a wikitech archive page (stashbot's `{{safesubst:SAL entry|…}}`
// lines, newest day and line first, `Started scap:` and `group1 wikis to …` wordings), the
// later weeks as stashbot NDJSON documents (`scap sync-world`, testserver pause), scap3
// deploys as an Elasticsearch search response; window start/end markers typed by hand.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoImport } from '../emitters.ts';
import { rng, type Rng } from '../rng.ts';
import type { DemoDeployment, DemoPerson, DemoWorld } from '../types.ts';

interface Line {
  at: Date;
  nick: string;
  message: string;
  id: string;
}

const dur = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `(duration: ${String(Math.floor(s / 60)).padStart(2, '0')}m ${String(s % 60).padStart(2, '0')}s)`;
};
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

/** The SAL lines scap (and the deployer) wrote for one deployment, in the wording of its era. */
export function deploymentLines(d: DemoDeployment, who: DemoPerson, oldEra: boolean, r: Rng): Omit<Line, 'id'>[] {
  const nick = `${who.username}@${d.host}`;
  const end = d.finishedAt ?? plus(d.startedAt, 5 * 60_000);
  const took = dur(end.getTime() - d.startedAt.getTime());
  const msg = oldEra ? d.message.replace(/^(testwikis|group\d) to /, '$1 wikis to ') : d.message;
  const scap = oldEra ? 'scap' : 'scap sync-world';
  const out: Omit<Line, 'id'>[] = [];
  const line = (at: Date, message: string, n = nick) => out.push({ at, nick: n, message });
  const syncWorld = () => {
    line(d.startedAt, `Started ${scap}: ${msg}`);
    if (d.staged) {
      const paused = plus(d.startedAt, (end.getTime() - d.startedAt.getTime()) * 0.4);
      line(paused, `${who.username}: ${msg} synced to the testservers (see https://wikitech.wikimedia.org/wiki/Mwdebug). Changes can now be verified there.`);
      line(plus(paused, 30_000), `${who.username}: ${d.outcome === 'aborted' ? 'Rolling back deployment' : 'Continuing with deployment'}`);
    }
    if (d.outcome === 'ok') line(end, `Finished ${scap}: ${msg} ${took}`);
    else if (d.outcome === 'failed') line(end, `${oldEra ? 'scap' : 'sync-world'} failed: <CalledProcessError> Command 'sync-apaches' returned non-zero exit status ${r.int(1, 3)}. (scap version: 4.${r.int(120, 160)}.0) ${took}`);
    else if (!d.staged) line(end, `${oldEra ? 'scap' : 'sync-world'} aborted: ${msg} ${took}`);
    else line(end, `Finished ${scap}: ${msg} ${took}`); // rolled back at the testservers, then finished
  };
  if (d.kind === 'backport' || d.kind === 'sync-world' || (d.kind === 'train-promote' && d.group === 'testwikis')) {
    syncWorld();
  } else if (d.kind === 'train-promote') {
    if (d.outcome === 'ok') line(d.startedAt, `rebuilt and synchronized wikiversions files: ${msg}`);
    // sync-wikiversions announces only when done: a failed or interrupted run leaves no line
  } else if (d.kind === 'sync-file') {
    // the message names the change and its tasks: 'SWAT: [[gerrit:N|subject (T1)]]'
    if (d.outcome === 'ok') line(end, `Synchronized ${d.path}: ${d.message} ${took}`);
    else if (d.outcome === 'aborted') line(end, `sync-file aborted: ${d.message} ${took}`);
  } else if (d.kind === 'scap3-deploy') {
    const target = `[${d.path ?? 'service/deploy'}@${r.hex(7)}]`;
    line(d.startedAt, `Started deploy ${target}: ${d.message}`);
    if (d.outcome === 'ok') line(end, `Finished deploy ${target}: ${d.message} ${took}`);
    else if (d.outcome === 'aborted') line(end, `deploy aborted: ${d.message} ${took}`);
  }
  return out;
}

function markerName(name: string): string {
  return name.replace(/\s*\(Max \d+ patches\)\s*$/i, '');
}

/** Wikitech archive page: newest day first, newest line first (stashbot's _write_to_wiki). */
function wikiPage(lines: Line[]): string {
  const days = new Map<string, Line[]>();
  for (const l of [...lines].sort((a, b) => b.at.getTime() - a.at.getTime())) {
    const day = l.at.toISOString().slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), l]);
  }
  const out = ['{{Navigation Server Admin Log}}', '__NOTOC__'];
  for (const [day, ls] of days) {
    out.push(`== ${day} ==`);
    for (const l of ls) {
      const body = `${l.at.toISOString().slice(11, 16)} ${l.nick}: ${l.message}`.replace(/\|/g, '{{!}}');
      out.push(`* {{safesubst:SAL entry|1=${body}}}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function esDoc(l: Line): Record<string, unknown> {
  const scap = l.nick.includes('@');
  return {
    '@timestamp': l.at.toISOString().replace(/\.\d{3}Z$/, 'Z'), message: l.message, nick: l.nick, type: 'sal',
    user: scap ? 'logmsgbot!~tcpircbot@wikimedia/bot/logmsgbot' : `${l.nick}!~${l.nick}@user/${l.nick}`,
    channel: '#wikimedia-operations', server: 'irc.libera.chat', host: scap ? 'wikimedia/bot/logmsgbot' : `user/${l.nick}`, project: 'production',
  };
}

export async function emitSal(world: DemoWorld, dir: string): Promise<DemoImport[]> {
  const r = rng(world.seed * 7919 + 4);
  const people = new Map(world.people.map((p) => [p.id, p]));
  const swatUntil = world.windows.find((w) => w.kind === 'backport' && !/SWAT/.test(w.name))?.plannedStart ?? world.end;
  const oldEra: Line[] = [];
  const newEra: Line[] = [];
  const services: Line[] = [];
  let n = 0;
  const push = (to: Line[], l: Omit<Line, 'id'>) => to.push({ ...l, id: `${r.hex(4)}${String(++n).padStart(8, '0')}${r.hex(8)}` });
  for (const d of world.deployments) {
    const old = d.startedAt < swatUntil;
    for (const l of deploymentLines(d, people.get(d.deployer)!, old, r)) push(d.kind === 'scap3-deploy' && !old ? services : old ? oldEra : newEra, l);
  }
  for (const w of world.windows.filter((x) => x.kind === 'backport')) {
    const deps = world.deployments.filter((d) => d.windowId === w.id);
    if (deps.length === 0 && !r.chance(0.2)) continue; // quiet windows often go unannounced
    const who = people.get(w.deployers[0])!.ircNick;
    const name = markerName(w.name);
    const lastEnd = Math.max(w.plannedStart.getTime(), ...deps.map((d) => (d.finishedAt ?? d.startedAt).getTime()));
    const to = w.plannedStart < swatUntil ? oldEra : newEra;
    const starting = plus(w.plannedStart, r.int(0, 50) * 1000);
    if (starting >= world.end) continue;
    push(to, { at: starting, nick: who, message: r.chance(0.5) ? `Starting ${name}` : `${name} starting` });
    const done = new Date(lastEnd + r.int(1, 5) * 60_000);
    if (done < world.end) push(to, { at: done, nick: who, message: `${name} done` });
  }
  for (let i = 0; i < Math.round(world.deployments.length / 10); i++) {
    const at = new Date(world.start.getTime() + r() * (world.end.getTime() - world.start.getTime()));
    const task = r.pick(world.tasks).id;
    push(at < swatUntil ? oldEra : newEra, { at, nick: 'marostegui', message: `Depool db${r.int(1100, 1190)} for schema change T${task}` });
  }
  newEra.sort((a, b) => a.at.getTime() - b.at.getTime());
  const files = [join(dir, 'sal', 'Server_Admin_Log-Archive_1.wiki'), join(dir, 'sal', 'sal-production.ndjson'), join(dir, 'sal', 'sal-search-scap3.json')];
  await mkdir(join(dir, 'sal'), { recursive: true });
  await writeFile(files[0], wikiPage(oldEra));
  await writeFile(files[1], newEra.map((l) => JSON.stringify(esDoc(l))).join('\n') + '\n');
  const hits = services.sort((a, b) => b.at.getTime() - a.at.getTime())
    .map((l) => ({ _id: l.id, _index: 'sal', _score: null, _source: esDoc(l), _type: '_doc', sort: [l.at.getTime()] }));
  await writeFile(files[2], JSON.stringify({ took: 3, timed_out: false, hits: { total: { value: hits.length, relation: 'eq' }, max_score: null, hits } }, null, 2));
  // one import per file, each named after what it is (the scope a user would give it)
  const names = ['wikitech Server_Admin_Log/Archive_1', 'sal.toolforge.org production', 'sal.toolforge.org production scap3'];
  return files.map((f, i) => ({ source: 'sal', paths: [f], options: { project: 'production', name: names[i] } }));
}
