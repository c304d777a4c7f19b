// The dashboards: a hash-routed single page over the shiplog API. Pages render data as
// text nodes only (Preact escapes; no dangerouslySetInnerHTML anywhere in src/web).
// Every time on every page is UTC, and the header says so.
import { render } from 'preact';
import { href, useRoute, useTitle } from './lib/route.ts';
import { Deployments } from './pages/Deployments.tsx';
import { Dora } from './pages/Dora.tsx';
import { Entity } from './pages/Entity.tsx';
import { Explorer } from './pages/Explorer.tsx';
import { Overview } from './pages/Overview.tsx';
import { People, Person } from './pages/People.tsx';
import { Pulse } from './pages/Pulse.tsx';
import { Reports } from './pages/Reports.tsx';
import { Sql } from './pages/Sql.tsx';
import { StatusPage } from './pages/Status.tsx';
import { Steward } from './pages/Steward.tsx';
import { Stewardship } from './pages/Stewardship.tsx';
import { Tasks } from './pages/Tasks.tsx';
import { Tests } from './pages/Tests.tsx';
import { Train } from './pages/Train.tsx';
import { Trains } from './pages/Trains.tsx';
import { Windows } from './pages/Windows.tsx';
import type { Route } from './lib/route.ts';
import { loadLinkBases } from './lib/ui-config.ts';
import './styles.css';

export const PAGES: { id: string; title: string; view: (p: { route: Route }) => preact.JSX.Element; hidden?: boolean }[] = [
  { id: 'overview', title: 'Overview', view: Overview },
  { id: 'pulse', title: 'Pulse', view: Pulse },
  { id: 'deployments', title: 'Deployments', view: Deployments },
  { id: 'windows', title: 'Windows', view: Windows },
  { id: 'trains', title: 'Trains', view: Trains },
  { id: 'train', title: 'Train', view: Train, hidden: true },
  { id: 'dora', title: 'DORA', view: Dora },
  { id: 'tasks', title: 'Tasks', view: Tasks },
  { id: 'tests', title: 'Tests', view: Tests },
  { id: 'stewardship', title: 'Stewardship', view: Stewardship },
  { id: 'steward', title: 'Steward', view: Steward, hidden: true },
  { id: 'people', title: 'People', view: People },
  { id: 'person', title: 'Person', view: Person, hidden: true },
  { id: 'entity', title: 'Entity', view: Entity },
  { id: 'sql', title: 'SQL', view: Sql },
  { id: 'explore', title: 'Explorer', view: Explorer },
  { id: 'reports', title: 'Reports', view: Reports },
  { id: 'status', title: 'Status', view: () => <StatusPage /> },
];

function NoPage({ name }: { name: string }) {
  useTitle('No such page');
  return <p class="state error" role="alert">No page “{name}”.</p>;
}

function App() {
  const route = useRoute();
  const page = PAGES.find((p) => p.id === route.page);
  const View = page?.view;
  return (
    <>
      <header>
        <a class="brand" href={href('overview')}>shiplog</a>
        <nav>
          {PAGES.filter((p) => !p.hidden).map((p) => <a key={p.id} href={href(p.id)} class={p.id === route.page ? 'active' : ''} aria-current={p.id === route.page ? 'page' : undefined}>{p.title}</a>)}
        </nav>
        <span class="zone" title="Every date and time on these pages is in UTC">times in UTC</span>
      </header>
      <main data-page={route.page}>
        {View ? <View key={`${route.page}/${route.path}`} route={route} /> : <NoPage name={route.page} />}
      </main>
    </>
  );
}

void loadLinkBases().finally(() => render(<App />, document.getElementById('app')!));
