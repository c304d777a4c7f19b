// Tasks: Phabricator tasks of a project (or all), bug time to resolution by quarter,
// open tasks by age and priority, task closing vs first merge, and train blockers; one
// task's history and links when ?task=T123. Data from /api/tasks and /api/reports/*
// only. A restricted task shows as its id and "restricted": the API holds nothing else.
import { Chart } from '../components/Chart.tsx';
import { DataTable, Loading } from '../components/DataTable.tsx';
import { enc, getJson, type Row } from '../lib/api.ts';
import type { Route } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

interface Report { columns?: string[]; rows: Row[]; notes?: string[]; id: string; version: number }
interface TaskDetail { task: Row; events: Row[]; links: Row[] }

function TaskView({ id }: { id: string }) {
  const t = useData(() => getJson<TaskDetail>(`/api/tasks/${enc(id)}`), [id]);
  return (
    <section data-testid="task-detail">
      <h2>{id}{t.data?.task.restricted ? ' (restricted)' : t.data ? ` ${String(t.data.task.title ?? '')}` : ''}</h2>
      <Loading {...t} />
      {t.data && !t.data.task.restricted && (
        <>
          <DataTable columns={['status', 'status_class', 'subtype', 'priority_name', 'projects', 'created_at', 'closed_at', 'author_username', 'owner_username', 'release_version']} rows={[t.data.task]} />
          <h3>History</h3>
          <DataTable columns={['occurred_at', 'kind', 'author_username', 'old_value', 'new_value', 'comment']} rows={t.data.events} empty="No history." />
          <h3>Links</h3>
          <DataTable columns={['src_key', 'dst_key', 'rule', 'evidence', 'confidence', 'change_status', 'change_merged_at']} rows={t.data.links} empty="No links." />
        </>
      )}
      {t.data?.task.restricted && <p class="empty">This task is restricted: shiplog keeps its id only.</p>}
    </section>
  );
}

export function Tasks({ route }: { route: Route }) {
  const project = route.params.get('project') || undefined;
  const status = route.params.get('status_class') || undefined;
  const task = route.params.get('task') || undefined;
  const since = route.params.get('since') || undefined;
  const until = route.params.get('until') || undefined;
  const list = useData(() => getJson<{ rows: Row[] }>('/api/tasks', { project, status_class: status, since, until, limit: '200' }), [project, status, since, until]);
  const ttr = useData(() => getJson<Report>('/api/reports/task_resolution_time', { since, until }), [since, until]);
  const aging = useData(() => getJson<Report>('/api/reports/open_tasks_by_age', { project }), [project]);
  const merge = useData(() => getJson<Report>('/api/reports/task_close_vs_merge', { since, until }), [since, until]);
  const blockers = useData(() => getJson<Report>('/api/reports/train_blockers', { since, until }), [since, until]);
  const quarters = (ttr.data?.rows ?? []).filter((r) => r.dimension === 'quarter');
  return (
    <section>
      <h1>Tasks</h1>
      <Filters route={route} fields={[
        { name: 'project', label: 'Project', placeholder: 'e.g. MediaWiki-extensions-Math' },
        { name: 'status_class', label: 'Status', type: 'select', options: ['', 'open', 'closed'] },
        { name: 'since', label: 'Since', type: 'date' },
        { name: 'until', label: 'Until', type: 'date' },
        { name: 'task', label: 'Task', placeholder: 'T123' },
      ]} />
      {task && <TaskView id={task} />}
      <h2>Bug time to resolution (days)</h2>
      <Loading {...ttr} />
      {quarters.length > 0 && (
        <Chart x={quarters.map((_, i) => i)} categories={quarters.map((r) => String(r.bucket))} kind="bars" title="Median and p80 days to resolve bugs, by quarter of the close" series={[
          { label: 'median', values: quarters.map((r) => r.median_days as number) },
          { label: 'p80', values: quarters.map((r) => r.p80_days as number) },
        ]} />
      )}
      {ttr.data && <DataTable testId="task-ttr" columns={['dimension', 'bucket', 'tasks', 'median_days', 'p80_days']} rows={ttr.data.rows.filter((r) => !project || r.dimension === 'quarter' || r.bucket === project)} empty="No resolved bugs yet." />}
      <h2>Open tasks by age and priority</h2>
      <Loading {...aging} />
      {aging.data && <DataTable testId="task-aging" columns={aging.data.columns ?? []} rows={aging.data.rows} empty="No open tasks." />}
      <h2>Task closing vs first merge (hours)</h2>
      <Loading {...merge} />
      {merge.data && <DataTable columns={merge.data.columns ?? []} rows={merge.data.rows.filter((r) => !project || r.project === project || r.project === '(all)')} empty="No task has a merged change yet." />}
      <h2>Train blockers</h2>
      <Loading {...blockers} />
      {blockers.data && <DataTable testId="train-blockers" columns={blockers.data.columns ?? []} rows={blockers.data.rows} empty="No release tasks yet." />}
      <h2>Tasks</h2>
      <Loading {...list} />
      {list.data && <DataTable testId="tasks" columns={['task_key', 'title', 'status', 'priority_name', 'subtype', 'projects', 'created_at', 'closed_at', 'owner_username', 'restricted']} rows={list.data.rows} empty="No tasks yet." />}
    </section>
  );
}
