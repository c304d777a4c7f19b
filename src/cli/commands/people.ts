// `shiplog people list|show|proposals|merge|split|undo|decisions|load|rules`: who is who,
// how each account joined its person (rule and evidence), the joins a rule proposed but
// did not make, and the manual decisions that override the rules (each undoable). Every
// command first loads the mapping file (people.file in shiplog.yaml, default people.yaml)
// when it changed. Thin over src/people/manage.ts and read.ts.
import type { Command } from 'commander';
import type { Store } from '../../store/index.ts';
import type { CliEnv } from '../env.ts';
import { toJson } from '../format.ts';

type Row = Record<string, unknown>;
const lists = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.join(' ') : v])));

async function withPeople<T>(env: CliEnv, fn: (store: Store) => Promise<T>): Promise<T> {
  return env.withStore(async ({ store, config }) => {
    const { loadMapping, rerunPeople } = await import('../../people/manage.ts');
    const m = await loadMapping(store, config.people.file, env.io.clock());
    if (m.changed) await rerunPeople(store, env.io.clock());
    return fn(store);
  }, { create: false });
}

export function register(program: Command, env: CliEnv): void {
  const people = program.command('people').description('people merged from accounts by named rules: list, show, proposals, merge, split, undo');
  const read = () => import('../../people/read.ts');
  const manage = () => import('../../people/manage.ts');

  people
    .command('list')
    .description('people, most accounts first (bots left out unless --bots)')
    .argument('[filter]', 'part of a name, a person key, or an account')
    .option('--bots', 'list bots too')
    .option('--limit <n>', 'row limit', '200')
    .action(async (filter: string | undefined, o: { bots?: boolean; limit: string }) => {
      const rows = await withPeople(env, async (s) => (await read()).listPeople(s, { filter: filter ?? null, bots: o.bots, limit: Number(o.limit) }));
      env.print(env.json ? toJson(rows) : env.table(['person_key', 'display_name', 'accounts', 'systems', 'bot', 'proposals'], rows));
    });

  people
    .command('show')
    .description("one person: their accounts, how each joined (rule), and every join, proposal and split that concerns them, with its evidence")
    .argument('<person>', 'a person key, an account (git:<email>, gerrit:<id>, phabricator:PHID-USER-…, irc:<nick>), an email or a username')
    .action(async (ref: string) => {
      const page = await withPeople(env, async (s) => (await read()).showPerson(s, ref));
      if (env.json) return env.print(toJson(page));
      const p = page.person;
      env.print(`${p.display_name} (${p.person_key}): ${p.accounts} accounts${p.bot ? `; bot "${p.bot}" (bot list v${p.bot_list_version})` : ''}`);
      env.print(env.table(['identity_key', 'system', 'name', 'email', 'username', 'joined_by'], page.accounts));
      if (page.merges.length) {
        env.print('\nJoins, proposals and splits');
        env.print(env.table(['status', 'rule', 'identity_keys', 'people_keys', 'evidence', 'decision_id'], lists(page.merges)));
      }
    });

  people
    .command('proposals')
    .description('joins a rule would make but did not: each would put together two people who already have several accounts; accept one with `people merge`')
    .option('--limit <n>', 'row limit', '200')
    .action(async (o: { limit: string }) => {
      const rows = await withPeople(env, async (s) => (await read()).proposals(s, Number(o.limit)));
      if (env.json) return env.print(toJson(rows));
      env.print(rows.length ? env.table(['rule', 'merge_key', 'people', 'evidence'], rows) : '(no proposals)');
      if (rows.length) env.print(`accept one: shiplog people merge ${(rows[0].people_keys as string[]).join(' ')} --note "why"`);
    });

  people
    .command('merge')
    .description('join people or accounts into one person (a manual decision, recorded and undoable)')
    .argument('<refs...>', 'two or more people or accounts')
    .option('--note <text>', 'why: kept with the decision')
    .action(async (refs: string[], o: { note?: string }) => {
      const r = await withPeople(env, async (s) => (await manage()).mergePeople(s, refs, o.note ?? null, env.io.clock()));
      env.print(env.json ? toJson(r) : `merged into ${r.person} (decision ${r.decision}; undo: shiplog people undo ${r.decision})`);
    });

  people
    .command('split')
    .description('keep one account apart from everyone the automatic rules join it to (recorded and undoable)')
    .argument('<account>', 'an identity key, e.g. git:someone@example.org or gerrit:1234')
    .option('--note <text>', 'why: kept with the decision')
    .action(async (account: string, o: { note?: string }) => {
      const r = await withPeople(env, async (s) => (await manage()).splitAccount(s, account, o.note ?? null, env.io.clock()));
      env.print(env.json ? toJson(r) : `${account} is now ${r.person} (decision ${r.decision}; undo: shiplog people undo ${r.decision})`);
    });

  people
    .command('undo')
    .description('undo a manual merge or split (it stays listed, with the time it was undone)')
    .argument('<decision>', 'decision id, e.g. d3 (`people decisions` lists them)')
    .action(async (id: string) => {
      await withPeople(env, async (s) => (await manage()).undoDecision(s, id, env.io.clock()));
      env.print(env.json ? toJson({ undone: id }) : `undone ${id}`);
    });

  people
    .command('decisions')
    .description('every manual merge and split and every mapping-file entry, with when it was made and undone')
    .action(async () => {
      const rows = await withPeople(env, async (s) => (await read()).decisions(s));
      env.print(env.json ? toJson(rows) : rows.length ? env.table(['decision_id', 'action', 'identity_keys', 'person_id', 'note', 'decided_at', 'undone_at'], lists(rows)) : '(no decisions)');
    });

  people
    .command('load')
    .description('load the mapping file now and re-run the rules (default: people.file of shiplog.yaml, skipped when absent)')
    .argument('[file]', 'a people.yaml')
    .action(async (file: string | undefined) => {
      const r = await env.withStore(async ({ store, config }) => {
        const m = await manage();
        const loaded = await m.loadMapping(store, file ?? config.people.file, env.io.clock(), file !== undefined);
        const res = await m.rerunPeople(store, env.io.clock());
        return { ...loaded, people: res.people.length };
      }, { create: false });
      env.print(env.json ? toJson(r) : `${r.entries} mapping entries${r.changed ? ' (changed)' : ''}; ${r.people} people`);
    });

  people
    .command('rules')
    .description('how many joins each rule made, proposed, or was kept from by a split')
    .action(async () => {
      const rows = await withPeople(env, async (s) => (await read()).ruleCounts(s));
      env.print(env.json ? toJson(rows) : env.table(['rule', 'status', 'joins', 'accounts'], rows));
    });
}
