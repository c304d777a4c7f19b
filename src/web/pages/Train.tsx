// One train (#/train/<version>, GET /api/trains/<version>): its cut and how it was read,
// the changes it carried per repository with their owners, the backports made to its
// branch and when each was synced, its blocker tasks, every roll-forward and rollback, and
// each rollback with its tasks and the incidents that go with it (and why).
import { Async, Empty } from '../components/State.tsx';
import { Table } from '../components/Table.tsx';
import { enc, getJson, type Row } from '../lib/api.ts';
import { formatUtc } from '../lib/format.ts';
import { href, type Route, useTitle } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';

interface TrainAnswer {
  version: string;
  train: Row | null;
  cut: { cut_at: string; cut_from: string; previous_cut_at: string | null } | null;
  membership: string;
  repos: { project: string; changes: number }[];
  changes: Row[];
  backports: Row[];
  blockers: Row[];
  events: Row[];
  rollbacks: (Row & { tasks: string[]; incidents: (Row & { via: string[] })[] })[];
  incidents: (Row & { via: string[] })[];
}

const when = (v: unknown) => (v ? `${formatUtc(String(v))} UTC` : '—');
const taskLink = (t: string) => <a key={t} href={href('entity', { key: `task:${t}` })}>{t}</a>;

export function Train({ route }: { route: Route }) {
  const version = route.path || route.params.get('version') || '';
  useTitle(version ? `${version} · Train` : 'Train');
  const answer = useData(() => (version ? getJson<TrainAnswer>(`/api/trains/${enc(version)}`) : Promise.resolve(null)), [version]);
  if (!version) return <section><h1>Train</h1><Empty>Pick a version on the <a href={href('trains')}>Trains</a> page.</Empty></section>;
  return (
    <section>
      <p class="crumbs"><a href={href('trains')}>Trains</a> /</p>
      <h1>{version}</h1>
      <Async state={answer} what={`train ${version}`}>
        {(p) => p && (
          <>
            <p data-testid="train-summary">
              group0 {when(p.train?.group0_at)}, group1 {when(p.train?.group1_at)}, group2 {when(p.train?.group2_at)}; {String(p.train?.rollbacks ?? 0)} rollback(s).
              {p.cut && <> Cut {when(p.cut.cut_at)} ({p.cut.cut_from}); previous cut {when(p.cut.previous_cut_at)}.</>}
            </p>
            <h2>Carried: {p.changes.length} change(s) in {p.repos.length} repositories</h2>
            <p class="muted" data-testid="membership">{p.membership}</p>
            <Table id="train-repos" rows={p.repos as unknown as Row[]} columns={['project', 'changes']} empty="No changes known for this train." />
            <Table id="train-changes" rows={p.changes} columns={['project', 'number', 'subject', 'owner_name', 'created_at', 'merged_at', 'bug_tasks', 'change_key', 'owner']}
              show={['project', 'number', 'subject', 'owner_name', 'merged_at']}
              cells={{ number: (r) => <a href={href('entity', { key: String(r.change_key) })}>{String(r.number)}</a> }} empty="No changes known for this train." />
            <h2>Backports to wmf/{p.version}: {p.backports.length}</h2>
            <Table id="train-backports" rows={p.backports} columns={['project', 'number', 'subject', 'owner_name', 'status', 'merged_at', 'synced_at', 'bug_tasks', 'change_key']}
              show={['project', 'number', 'subject', 'owner_name', 'merged_at', 'synced_at']}
              cells={{ number: (r) => <a href={href('entity', { key: String(r.change_key) })}>{String(r.number)}</a> }} empty="No backports." />
            <h2>Blockers: {p.blockers.length}</h2>
            <Table id="train-blockers" rows={p.blockers.map((b) => ({ ...b, why: (b.why as string[]).join('; ') }))} columns={['task_id', 'title', 'status', 'priority_name', 'why', 'created_at', 'closed_at']}
              cells={{ task_id: (r) => taskLink(String(r.task_id)) }} empty="No blocker tasks known." />
            <h2>Rollbacks: {p.rollbacks.length}</h2>
            {p.rollbacks.length === 0 ? <Empty>No rollbacks.</Empty> : (
              <ul data-testid="train-rollbacks">
                {p.rollbacks.map((r) => (
                  <li key={`${String(r.occurred_at)}/${String(r.wiki_group)}`}>
                    from {String(r.wiki_group)} at {when(r.occurred_at)} (promoted {when(r.promoted_at)}, promoted again {r.repromoted_at ? when(r.repromoted_at) : 'never'});
                    {' '}tasks: {r.tasks.length ? r.tasks.map((t, i) => <>{i > 0 && ', '}{taskLink(t)}</>) : '—'}
                    {r.incidents.length > 0 && (
                      <ul>{r.incidents.map((i) => <li key={String(i.incident_key)}><a href={href('entity', { key: String(i.incident_key) })}>{String(i.title ?? i.incident_key)}</a> ({when(i.started_at)}): {i.via.join('; ')}</li>)}</ul>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <h2>Incidents</h2>
            <Table id="train-incidents" rows={p.incidents.map((i) => ({ ...i, via: i.via.join('; ') }))} columns={['incident_key', 'title', 'started_at', 'ended_at', 'via', 'url']}
              show={['incident_key', 'title', 'started_at', 'via']} empty="No incident goes with this train." />
            <h2>Roll-forwards and rollbacks</h2>
            <Table id="train-events" rows={p.events} columns={['occurred_at', 'wiki_group', 'kind', 'from_version', 'to_version', 'wikis_moved', 'subject', 'tasks', 'commit_key']}
              show={['occurred_at', 'wiki_group', 'kind', 'from_version', 'subject', 'tasks']} />
          </>
        )}
      </Async>
    </section>
  );
}
