// Steward: one extension's or skin's page (#/steward/<repo>): its lifecycle status with
// the date of every signal and the sources' disagreements, compliance now and over time
// under each truth, the target bumps it missed, activity and merge pace per month, review
// responsiveness, bugs and open tasks, CI health, absence factor, stewards, links out.
// Data from GET /api/steward/<repo> only.
import { TimeChart } from '../components/Chart.tsx';
import { External } from '../components/Cell.tsx';
import { Async, Empty } from '../components/State.tsx';
import { Table } from '../components/Table.tsx';
import { getJson, type Row } from '../lib/api.ts';
import { href, type Route, useTitle } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';

type Page = Record<string, any>;
const pct = (x: unknown) => (x === null || x === undefined ? '—' : `${Math.round(Number(x) * 100)} %`);
const when = (r: Row, k: string) => new Date(String(r[k]));

function Lifecycle({ p }: { p: Page }) {
  const l = p.lifecycle;
  if (!l) return <Empty>No lifecycle signal yet: import its CI config, mediawiki.org page or extension-list.</Empty>;
  return (
    <section data-testid="lifecycle">
      <p class="status-line">
        <span class={`badge status-${l.status}`} data-testid="status">{l.status}</span>{' '}
        {l.maturity && <span class="muted">mediawiki.org: {l.maturity} · </span>}
        <span>{l.reason}</span>
      </p>
      {l.disagree && (
        <div class="state error" role="alert" data-testid="disagree">
          <b>Sources disagree.</b>
          <ul>{(l.disagreements as string[]).map((d) => <li key={d}>{d}</li>)}</ul>
        </div>
      )}
      <h2>Lifecycle dates, from every source</h2>
      <Table id="steward-dates" rows={p.dates} columns={['at', 'what', 'source', 'value']} empty="No dated signal." remember={false} />
      <details>
        <summary>Every signal period ({(p.signals as Row[]).length})</summary>
        <Table id="steward-signals" rows={p.signals} columns={['fact', 'value', 'source', 'since_at', 'until_at', 'since_commit']} remember={false} />
      </details>
    </section>
  );
}

function Compliance({ c }: { c: Page }) {
  const timeline = (c.timeline as Row[]).filter((r) => r.score !== null);
  return (
    <section data-testid="compliance">
      <h2>Standards compliance</h2>
      <table class="scores">
        <tbody>
          {(c.scores as Row[]).map((s) => (
            <tr key={String(s.truth)}>
              <th>{String(s.truth)}</th><td class="k-number" data-testid={`score-${s.truth}`}>{pct(s.score)}</td>
              <td class="muted">{String(s.met)} of {String(s.applicable)} targets · {c.truths[String(s.truth)]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {timeline.length > 1 && (
        <TimeChart kind="line" bucket="month" title="Share of targets met, at every change of a fact or a target" yLabel="share met"
          data={timeline.map((r) => ({ t: when(r, 'at'), series: String(r.truth), value: r.score as number }))} />
      )}
      <h3>Targets not met now</h3>
      <Table id="steward-checks" rows={(c.checks as Row[]).filter((x) => !x.met)} columns={['fact', 'truth', 'rule', 'target', 'value', 'target_since']} empty="Every target in force is met." remember={false} />
      <h3>Target bumps and days out of compliance</h3>
      <Table id="steward-bumps" rows={c.bumps} columns={['fact', 'truth', 'target', 'since_at', 'met_at', 'days_out']} empty="No target bump applied to it." />
    </section>
  );
}

function Activity({ p }: { p: Page }) {
  const a = p.activity as Row[];
  const pace = p.merge_pace as Row[];
  return (
    <section data-testid="activity">
      <h2>Activity</h2>
      {a.length === 0 ? <Empty>No commits or changes yet.</Empty> : (
        <div class="pair">
          <TimeChart bucket="month" title="Commits per month (first-parent), human and bot-only" yLabel="commits"
            data={a.flatMap((r) => [{ t: when(r, 'month'), series: 'human', value: r.human_commits as number }, { t: when(r, 'month'), series: 'bot-only', value: r.bot_commits as number }])} />
          {pace.length > 0
            ? <TimeChart bucket="month" title="Changes merged per month" yLabel="changes merged" data={pace.map((r) => ({ t: when(r, 'month'), series: 'merged', value: r.merged as number }))} />
            : <Empty>No Gerrit changes imported for it.</Empty>}
        </div>
      )}
      <Table id="steward-pace" rows={pace} columns={['month', 'merged', 'median_hours', 'p80_hours']} empty="No merged changes." sort="-month" />
    </section>
  );
}

function Facts({ p }: { p: Page }) {
  const r = p.review;
  const b = p.bugs;
  const t = p.tests ?? {};
  return (
    <section data-testid="health">
      <h2>Reviews, bugs and tests</h2>
      <ul class="facts">
        <li data-testid="review">{r ? <>Reviews (12 months): {r.reviewed} of {r.changes} changes got a human review; median {r.median_hours_to_first_review ?? '—'} h to the first, {pct(r.share_within_7d)} within 7 days.</> : 'No Gerrit changes in the last 12 months.'}</li>
        <li data-testid="bugs">{b ? <>Bugs in {b.project} (12 months): {b.bugs_created} created, {b.bugs_resolved} resolved ({pct(b.resolution_rate)}), {b.bugs_open} open, median {b.median_days_to_resolve ?? '—'} days to resolve.</> : 'No Phabricator project known.'}</li>
        <li data-testid="tests">{t.builds !== undefined ? <>CI (90 days): {t.builds} builds, {pct(t.failure_rate)} failed; failing now: {(t.failing_jobs ?? []).join(', ') || 'nothing'}; mean time to fix {t.mean_hours_to_fix ?? '—'} h.</> : 'No CI builds imported for it.'}
          {(t.latest_builds ?? []).some((x: Row) => typeof x.url === 'string') ? <> Jobs (newest build):</> : null}
          {(t.latest_builds ?? []).map((x: Row) => (typeof x.url === 'string' && /^https?:\/\//.test(x.url) ? <> <a href={x.url} target="_blank" rel="noopener noreferrer" class={x.failing ? 'failing' : undefined} title={x.failing ? 'failing now' : 'passing now'}>{String(x.job)}{x.failing ? ' ✗' : ''}</a></> : null))}</li>
      </ul>
      <h3>Open tasks</h3>
      <Table id="steward-tasks" rows={p.tasks} columns={['task_key', 'title', 'subtype', 'priority_name', 'created_at', 'owner']} empty="No open task in its project." />
      <h3>Absence factor</h3>
      <Table id="steward-absence" rows={p.absence} columns={['months', 'human_commits', 'committers', 'commit_absence_factor', 'plus2_votes', 'reviewers', 'plus2_absence_factor']} empty="No human commit or +2 in the last 24 months." remember={false} />
      <h3>Stewards</h3>
      <Table id="steward-stewards" rows={p.stewards} columns={['component', 'steward_team', 'maintainers', 'wiki_maintainer', 'consulted', 'informed', 'page']} empty="Not on Developers/Maintainers, and no maintainer on its page." remember={false} />
      <h3>Standards facts in force</h3>
      <Table id="steward-facts" rows={p.facts} columns={['fact', 'value', 'since_at']} empty="No history imported (shiplog import extensions)." />
    </section>
  );
}

export function Steward({ route }: { route: Route }) {
  const repo = route.path || route.params.get('repo') || '';
  useTitle(repo ? `${repo.split('/').pop()} · Steward` : 'Steward');
  const page = useData(() => getJson<Page>(`/api/steward/${repo.split('/').map(encodeURIComponent).join('/')}`), [repo]);
  if (!repo) return <Empty>Pick an extension or skin on the <a href={href('stewardship')}>Stewardship</a> page.</Empty>;
  return (
    <section>
      <p class="crumbs"><a href={href('stewardship')}>Stewardship</a> /</p>
      <h1>{repo}</h1>
      <Async state={page} what={`the steward page of ${repo}`}>
        {(p) => (
          <>
            <nav class="links-out" data-testid="links-out">
              {Object.entries(p.links as Record<string, string | null>).filter(([, v]) => v && /^https?:\/\//.test(v)).map(([k, v]) => (
                <span key={k}>{k} <External link={{ href: v!, system: k }} /> </span>
              ))}
            </nav>
            <Lifecycle p={p} />
            <Compliance c={p.compliance} />
            <Activity p={p} />
            <Facts p={p} />
            <p class="muted">Figures: {(p.metrics as Row[]).map((m) => `${m.id}@${m.version}`).join(', ')}; data as of {String(p.watermark ?? 'never synced')}.</p>
          </>
        )}
      </Async>
    </section>
  );
}
