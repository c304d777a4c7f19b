// Tasks: Phabricator tasks of a project (or all), bug time to resolution by quarter,
// open tasks by age and priority, task closing vs first merge, and train blockers; one
// task's history and links when ?task=T123. Data from /api/tasks and /api/reports/*
// only. A restricted task shows as its id and "restricted": the API holds nothing else.
import { External } from '../components/Cell.tsx';
import { CategoryChart } from '../components/Chart.tsx';
import type { ReportResult } from '../components/ReportTable.tsx';
import { Async, Empty } from '../components/State.tsx';
import { Table } from '../components/Table.tsx';
import { enc, getJson, type Row } from '../lib/api.ts';
import { phabTask } from '../lib/links.ts';
import { type Route, useTitle } from '../lib/route.ts';
import { useLinkBases } from '../lib/ui-config.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

interface TaskDetail { task: Row; events: Row[]; links: Row[] }

const TASK_COLUMNS = ['task_key', 'title', 'status', 'priority_name', 'subtype', 'projects', 'created_at', 'closed_at', 'owner_username', 'author_username', 'owner', 'author', 'restricted', 'release_version'];

function TaskView({ id }: { id: string }) {
  const bases = useLinkBases();
  const t = useData(() => getJson<TaskDetail>(`/api/tasks/${enc(id)}`), [id]);
  const out = phabTask(bases, id);
  return (
    <section data-testid="task-detail">
      <h2>{id}{out && <> <External link={out} /></>}{t.data?.task.restricted ? ' (restricted)' : t.data ? ` ${String(t.data.task.title ?? '')}` : ''}</h2>
      <Async state={t} what={`task ${id}`}>
        {(d) => (d.task.restricted ? <Empty>This task is restricted: shiplog keeps its id only.</Empty> : (
          <>
            <Table id="task-fields" columns={['status', 'status_class', 'subtype', 'priority_name', 'projects', 'created_at', 'closed_at', 'author_username', 'owner_username', 'release_version']} rows={[d.task]} />
            <h3>History</h3>
            <Table id="task-history" columns={['occurred_at', 'kind', 'author_username', 'author', 'old_value', 'new_value', 'comment']} show={['occurred_at', 'kind', 'author_username', 'old_value', 'new_value', 'comment']} rows={d.events} empty="No history." />
            <h3>Links</h3>
            <Table id="task-links" columns={['src_key', 'dst_key', 'rule', 'evidence', 'confidence', 'change_subject', 'change_status', 'change_merged_at']} rows={d.links} empty="No links." />
          </>
        ))}
      </Async>
    </section>
  );
}

export function Tasks({ route }: { route: Route }) {
  const project = route.params.get('project') || undefined;
  const status = route.params.get('status_class') || undefined;
  const task = route.params.get('task') || undefined;
  const since = route.params.get('since') || undefined;
  const until = route.params.get('until') || undefined;
  useTitle(task ? `${task} · Tasks` : 'Tasks');
  const list = useData(() => getJson<{ rows: Row[] }>('/api/tasks', { project, status_class: status, since, until, limit: '200' }), [project, status, since, until]);
  const ttr = useData(() => getJson<ReportResult>('/api/reports/task_resolution_time', { since, until }), [since, until]);
  const aging = useData(() => getJson<ReportResult>('/api/reports/open_tasks_by_age', { project }), [project]);
  const merge = useData(() => getJson<ReportResult>('/api/reports/task_close_vs_merge', { since, until }), [since, until]);
  const blockers = useData(() => getJson<ReportResult>('/api/reports/train_blockers', { since, until }), [since, until]);
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
      <h2>Bug time to resolution</h2>
      <Async state={ttr} what="bug time to resolution">
        {(r) => {
          const quarters = r.rows.filter((x) => x.dimension === 'quarter');
          return (
            <>
              {quarters.length > 0 && (
                <CategoryChart title="Days to resolve a bug, by quarter of the close (median and 80th percentile)" valueLabel="days" categoryLabel="quarter closed"
                  data={quarters.flatMap((q) => [
                    { category: String(q.bucket), series: 'median', value: q.median_days as number | null },
                    { category: String(q.bucket), series: 'p80', value: q.p80_days as number | null },
                  ])} />
              )}
              <Table id="task-ttr" columns={['dimension', 'bucket', 'tasks', 'median_days', 'p80_days']} rows={r.rows.filter((x) => !project || x.dimension === 'quarter' || x.bucket === project)} empty="No resolved bugs yet." />
            </>
          );
        }}
      </Async>
      <h2>Open tasks by age and priority</h2>
      <Async state={aging} what="open tasks by age">
        {(r) => <Table id="task-aging" columns={r.columns ?? []} rows={r.rows} empty="No open tasks." />}
      </Async>
      <h2>Task closing vs first merge (hours)</h2>
      <Async state={merge} what="task closing vs merge">
        {(r) => <Table id="task-close-merge" columns={r.columns ?? []} rows={r.rows.filter((x) => !project || x.project === project || x.project === '(all)')} empty="No task has a merged change yet." />}
      </Async>
      <h2>Train blockers</h2>
      <Async state={blockers} what="train blockers">
        {(r) => <Table id="train-blockers" columns={r.columns ?? []} rows={r.rows} empty="No release tasks yet." />}
      </Async>
      <h2>Tasks</h2>
      <Async state={list} what="tasks">
        {(l) => <Table id="tasks" columns={TASK_COLUMNS} show={['task_key', 'title', 'status', 'priority_name', 'projects', 'created_at', 'closed_at', 'owner_username']} rows={l.rows} empty="No tasks yet." />}
      </Async>
    </section>
  );
}
