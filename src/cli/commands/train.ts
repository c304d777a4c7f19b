// `shiplog train <version>`: what rode one train — its cut, the changes it carried per
// repository with their owners, backports, blockers, roll-forwards and rollbacks with their
// tasks and incidents. Thin over src/api/query/train.ts: the running server's
// GET /api/trains/<version> when one owns the database.
import type { Command } from 'commander';
import type { CliEnv } from '../env.ts';
import { toJson } from '../format.ts';

type Page = Record<string, any>;
const at = (d: unknown) => (d ? new Date(d as string).toISOString().replace('T', ' ').slice(0, 16) : '');

function printPage(env: CliEnv, p: Page): void {
  const t = p.train ?? {};
  env.print(`${p.version}: group0 ${at(t.group0_at) || '—'}, group1 ${at(t.group1_at) || '—'}, group2 ${at(t.group2_at) || '—'}; ${t.rollbacks ?? 0} rollback(s)`);
  if (p.cut) env.print(`cut ${at(p.cut.cut_at)} (${p.cut.cut_from}); previous cut ${at(p.cut.previous_cut_at) || 'unknown'}`);
  env.print(`\nCarried ${p.changes.length} change(s) — ${p.membership}`);
  if (p.repos.length) env.print(env.table(['project', 'changes'], p.repos));
  if (p.changes.length) env.print(env.table(['project', 'number', 'subject', 'owner_name', 'merged_at'], (p.changes as Page[]).map((c) => ({ ...c, merged_at: at(c.merged_at) }))));
  env.print(`\nBackports to wmf/${p.version}: ${p.backports.length}`);
  if (p.backports.length) env.print(env.table(['project', 'number', 'subject', 'owner_name', 'merged_at', 'synced_at'], (p.backports as Page[]).map((c) => ({ ...c, merged_at: at(c.merged_at), synced_at: at(c.synced_at) }))));
  env.print(`\nBlockers: ${p.blockers.length}`);
  if (p.blockers.length) env.print(env.table(['task_id', 'title', 'status', 'why'], (p.blockers as Page[]).map((b) => ({ ...b, why: (b.why as string[]).join('; ') }))));
  env.print('\nRoll-forwards and rollbacks');
  env.print(env.table(['occurred_at', 'wiki_group', 'kind', 'from_version', 'subject'], (p.events as Page[]).map((e) => ({ ...e, occurred_at: at(e.occurred_at) }))));
  for (const r of p.rollbacks as Page[]) {
    env.print(`\nRollback from ${r.wiki_group} at ${at(r.occurred_at)} (promoted ${at(r.promoted_at) || '—'}, promoted again ${at(r.repromoted_at) || 'never'}); tasks: ${(r.tasks as string[]).join(', ') || '—'}`);
    for (const i of r.incidents as Page[]) env.print(`  incident ${i.incident_key} (${at(i.started_at)}): ${(i.via as string[]).join('; ')}`);
  }
  if (p.incidents.length) {
    env.print('\nIncidents');
    env.print(env.table(['incident_key', 'started_at', 'via'], (p.incidents as Page[]).map((i) => ({ ...i, started_at: at(i.started_at), via: (i.via as string[]).join('; ') }))));
  }
}

export function register(program: Command, env: CliEnv): void {
  program
    .command('train')
    .description('what rode one train: its cut, the changes it carried per repository, backports, blockers, rollbacks with their tasks and incidents')
    .argument('<version>', 'MediaWiki version, e.g. 1.45.0-wmf.3')
    .action(async (version: string) => {
      const remote = await env.remote();
      const page: Page = remote
        ? await remote.get<Page>(`/api/trains/${encodeURIComponent(version)}`)
        : await env.withStore(async ({ store }) => (await import('../../api/query/train.ts')).trainPage({ store }, version.replace(/^php-/, '')), { create: false });
      env.print(env.json ? toJson(page) : (printPage(env, page), ''));
    });
}
