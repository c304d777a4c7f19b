// The cross-record work of the stewardship sources, until the derive layer runs it as
// steps of its own: repo_facts periods (until_at; repeated snapshot values folded),
// the activity facts (last human and last bot-only commit) and the lifecycle status
// reconciled from every signal (repo_lifecycle, and repos.status/deployed/archived).
// Reads through `read`; the logic is the pure functions of src/model/stewardship.
import { keys } from '../../model/ids.ts';
import type { RowFor } from '../../model/catalogue/index.ts';
import { LIFECYCLE_VERSION, reconcile, SIGNAL_FACTS, type Signal } from '../../model/stewardship/lifecycle.ts';
import { periodsBySeries } from '../../model/stewardship/periods.ts';
import { loadSql } from '../../lib/sql.ts';
import type { DeriveResult, ReadFn } from '../types.ts';

type FactRow = RowFor<'repo_facts'> & { since_at: Date };

function add(out: DeriveResult, table: string, rows: unknown[]): void {
  const into = out.rows as Record<string, unknown[]>;
  (into[table] ??= []).push(...rows);
}

/**
 * until_at for the facts (with one of `prefixes`) of `repos` (null: every repository);
 * rows that repeat the value before them are deleted. Only changed rows are written.
 */
export async function deriveFactPeriods(read: ReadFn, repos: string[] | null, prefixes: string[], out: DeriveResult): Promise<void> {
  if (repos !== null && repos.length === 0) return; // an empty list has no type to bind
  const rows = await read<FactRow>(loadSql(import.meta.url, 'facts-of-repos.sql'), [repos, prefixes]);
  const { periods, repeats } = periodsBySeries(rows, (r) => `${r.repo}\n${r.fact}`);
  const stored = new Map(rows.map((r) => [`${r.repo}\n${r.fact}\n${r.since_at.getTime()}`, r.until_at?.getTime() ?? null]));
  const changed = periods.filter((p) => (p.until_at?.getTime() ?? null) !== stored.get(`${p.repo}\n${p.fact}\n${p.since_at.getTime()}`));
  add(out, 'repo_facts', changed);
  for (const r of repeats) {
    out.deletes!.push({ table: 'repo_facts', where: 'repo = $1 AND fact = $2 AND since_at = $3', params: [r.repo, r.fact, r.since_at] });
  }
}

/** activity.last_human_commit and activity.last_bot_commit: one current row each per repository. */
export async function deriveActivityFacts(read: ReadFn, repos: string[], out: DeriveResult): Promise<void> {
  if (repos.length === 0) return;
  const rows = await read<{ repo: string; sha: string; committed_at: Date; human: boolean; raw_id: string | null }>(
    loadSql(import.meta.url, 'activity-of-repos.sql'), [repos]);
  for (const repo of repos) {
    const human = rows.find((r) => r.repo === repo && r.human);
    const bot = rows.find((r) => r.repo === repo && !r.human);
    const keep = [
      { fact: 'activity.last_human_commit', row: human },
      { fact: 'activity.last_bot_commit', row: bot && (!human || bot.committed_at > human.committed_at) ? bot : undefined },
    ];
    for (const { fact, row } of keep) {
      if (!row) {
        out.deletes!.push({ table: 'repo_facts', where: 'repo = $1 AND fact = $2', params: [repo, fact] });
        continue;
      }
      out.deletes!.push({ table: 'repo_facts', where: 'repo = $1 AND fact = $2 AND since_at <> $3', params: [repo, fact, row.committed_at] });
      add(out, 'repo_facts', [{
        repo, fact, value: row.sha, since_at: row.committed_at, since_commit: row.sha, definition_version: 1, raw_id: row.raw_id,
      } satisfies RowFor<'repo_facts'>]);
    }
  }
}

/**
 * The reconciled lifecycle of every extension and skin with a signal, and repos' status
 * columns. `fresh` holds signal rows computed by this very derive (not yet stored): they
 * replace the stored rows of the facts starting with `fresh.prefix`.
 */
export async function deriveLifecycle(read: ReadFn, out: DeriveResult, fresh?: { prefix: string; rows: { repo: string; fact: string; value?: string | null; since_at: Date }[] }): Promise<void> {
  const stored = await read<{ repo: string; fact: string | null; value: string | null; since_at: Date | null; human_at: Date | null; bot_at: Date | null }>(
    loadSql(import.meta.url, 'lifecycle-signals.sql'), [SIGNAL_FACTS]);
  const rows = fresh
    ? [...stored.filter((r) => !r.fact?.startsWith(fresh.prefix)),
      ...fresh.rows.filter((r) => SIGNAL_FACTS.includes(r.fact) && /^mediawiki\/(extensions|skins)\//.test(r.repo))
        .map((r) => ({ repo: r.repo, fact: r.fact, value: r.value ?? null, since_at: r.since_at, human_at: null, bot_at: null }))]
    : stored;
  const byRepo = new Map<string, { signals: Signal[]; human: Date | null; bot: Date | null }>();
  const of = (repo: string) => byRepo.get(repo) ?? byRepo.set(repo, { signals: [], human: null, bot: null }).get(repo)!;
  for (const r of rows) {
    const e = of(r.repo);
    if (r.fact && r.since_at) e.signals.push({ fact: r.fact, value: r.value, since_at: r.since_at });
    else {
      e.human = r.human_at;
      e.bot = r.bot_at;
    }
  }
  const existing = new Map((await read<RowFor<'repos'>>('SELECT * FROM repos')).map((r) => [r.name, r]));
  const lifecycle: RowFor<'repo_lifecycle'>[] = [];
  const repos: RowFor<'repos'>[] = [];
  for (const [repo, e] of byRepo) {
    const current = periodsBySeries(e.signals, (x) => x.fact).periods.filter((p) => p.until_at === null);
    const l = reconcile({ repo, signals: current, lastHumanAt: e.human, lastBotAt: e.bot });
    lifecycle.push({ ...l, definition_version: LIFECYCLE_VERSION });
    const prev = existing.get(repo);
    repos.push({
      repo_key: prev?.repo_key ?? keys.repo(repo), name: repo, kind: prev?.kind ?? (repo.includes('/skins/') ? 'skin' : 'extension'),
      default_branch: prev?.default_branch ?? null, raw_id: prev?.raw_id ?? null,
      status: l.status, deployed: l.deployed, archived: l.archived,
    });
  }
  add(out, 'repo_lifecycle', lifecycle);
  add(out, 'repos', repos);
}

export function emptyDerive(): DeriveResult {
  return { rows: {}, rejects: [], deletes: [], statements: [] };
}

/** until_at of one source's standards targets (a series: branch, fact, truth); repeats deleted. */
export async function deriveTargetPeriods(read: ReadFn, source: string, out: DeriveResult): Promise<void> {
  const rows = await read<RowFor<'standards_targets'> & { since_at: Date }>('SELECT * FROM standards_targets WHERE source = $1', [source]);
  const points = rows.map((r) => ({ row: r, value: `${r.rule} ${r.target ?? ''}`, since_at: r.since_at }));
  const { periods, repeats } = periodsBySeries(points, (p) => `${p.row.branch}\n${p.row.fact}\n${p.row.truth}`);
  add(out, 'standards_targets', periods
    .filter((p) => (p.until_at?.getTime() ?? null) !== (p.row.until_at?.getTime() ?? null))
    .map((p) => ({ ...p.row, until_at: p.until_at })));
  for (const r of repeats) out.deletes!.push({ table: 'standards_targets', where: 'target_key = $1', params: [r.row.target_key] });
}
