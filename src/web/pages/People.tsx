// People (#/people?q=) and one person (#/person/<key or account>): who is who, from the
// accounts of every source joined by named rules (docs/people.md). A person's page lists
// their accounts with the rules that joined each, and every join, proposal and split that
// concerns them with its evidence. Data from GET /api/people, /api/people/{ref} and
// /api/people-proposals; decisions stay with `shiplog people merge|split|undo`.
import { Async, Empty } from '../components/State.tsx';
import { Table } from '../components/Table.tsx';
import { enc, getJson, type Row } from '../lib/api.ts';
import { href, type Route, useTitle } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

const lists = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.join(' ') : v])));
const personLink = (r: Row) => <a href={href(`person/${String(r.person_key)}`)} data-testid="person-link">{String(r.display_name)}</a>;

export function People({ route }: { route: Route }) {
  useTitle('People');
  const q = route.params.get('q') || undefined;
  const bots = route.params.get('bots') || undefined;
  const people = useData(() => getJson<{ rows: Row[] }>('/api/people', { q, bots, limit: '2000' }), [q, bots]);
  const proposals = useData(() => getJson<{ rows: Row[] }>('/api/people-proposals', {}), []);
  return (
    <section>
      <h1>People</h1>
      <Filters route={route} fields={[
        { name: 'q', label: 'Name or account', placeholder: 'name, person key, email…' },
        { name: 'bots', label: 'Bots', type: 'select', options: ['', 'true'] },
      ]} />
      <Async state={people} what="people">
        {(d) => (
          <Table id="people" rows={d.rows} columns={['display_name', 'person_key', 'accounts', 'systems', 'bot', 'proposals']}
            empty="No people yet: import git, Gerrit, Phabricator or the SAL." page={200} cells={{ display_name: personLink }} />
        )}
      </Async>
      <h2>Proposed joins</h2>
      <p class="muted">Joins a rule would make but did not: each would put together two people who already have several accounts. Accept one with <code>shiplog people merge</code>.</p>
      <Async state={proposals} what="proposals">
        {(d) => (d.rows.length === 0 ? <Empty>No proposals.</Empty>
          : <Table id="people-proposals" rows={lists(d.rows)} columns={['rule', 'people', 'evidence', 'people_keys', 'merge_key']} />)}
      </Async>
    </section>
  );
}

export function Person({ route }: { route: Route }) {
  const ref = route.path || route.params.get('key') || '';
  const page = useData(() => getJson<{ person: Row; accounts: Row[]; merges: Row[] }>(`/api/people/${enc(ref)}`), [ref]);
  useTitle(page.data?.person ? `${String(page.data.person.display_name)} · Person` : 'Person');
  return (
    <section>
      <h1>Person</h1>
      <Async state={page} what="the person">
        {(d) => (
          <>
            <p data-testid="person-summary"><b>{String(d.person.display_name)}</b> ({String(d.person.person_key)}): {String(d.person.accounts)} accounts
              {d.person.bot ? `; bot "${String(d.person.bot)}" (bot list v${String(d.person.bot_list_version)})` : ''}. <a href={href('people')}>All people</a></p>
            <h2>Accounts</h2>
            <Table id="person-accounts" rows={d.accounts} columns={['identity_key', 'system', 'name', 'email', 'username', 'joined_by', 'seen_at']} />
            <h2>Joins, proposals and splits</h2>
            <Table id="person-merges" rows={lists(d.merges)} columns={['status', 'rule', 'identity_keys', 'evidence', 'people_keys', 'decision_id', 'merge_key']} empty="Joined by no rule: one account." />
          </>
        )}
      </Async>
    </section>
  );
}
