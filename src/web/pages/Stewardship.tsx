// Stewardship: every extension and skin (#/stewardship?status=&attention=&q=) with its
// lifecycle, stewards, compliance under each truth, review responsiveness, absence factor
// and failing CI jobs — sortable, filterable, a "needs attention" view — and the share of
// the fleet compliant over time. Data from GET /api/stewardship only.
import { TimeChart } from '../components/Chart.tsx';
import { Async } from '../components/State.tsx';
import { Table } from '../components/Table.tsx';
import { getJson, type Row } from '../lib/api.ts';
import { href, navigate, paramsObject, type Route, useTitle } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

const COLUMNS = ['repo', 'status', 'deployed', 'steward_team', 'maintainers', 'compliance_required', 'compliance_safe', 'compliance_latest',
  'review_median_hours', 'commit_absence_factor', 'plus2_absence_factor', 'jobs_failing_now', 'attention', 'archived', 'disagree', 'maturity', 'last_human_commit_at', 'kind'];
const SHOWN = ['repo', 'status', 'deployed', 'steward_team', 'compliance_required', 'compliance_safe', 'commit_absence_factor', 'jobs_failing_now', 'attention'];
const pct = (x: unknown) => (x === null || x === undefined ? '' : `${Math.round(Number(x) * 100)} %`);

export function Stewardship({ route }: { route: Route }) {
  const p = (k: string) => route.params.get(k) || undefined;
  const status = p('status');
  const attention = p('attention');
  const q = p('q');
  useTitle(attention === 'true' ? 'Needs attention · Stewardship' : 'Stewardship');
  const data = useData(() => getJson<Record<string, any>>('/api/stewardship', { status, attention, q }), [status, attention, q]);
  const toggle = () => navigate('stewardship', { ...paramsObject(route.params), attention: attention === 'true' ? undefined : 'true' });
  return (
    <section>
      <h1>Stewardship</h1>
      <Filters route={route} fields={[
        { name: 'status', label: 'Status', type: 'select', options: ['', 'wikimedia-deployed', 'maintained', 'unmaintained', 'broken', 'obsolete', 'archived', 'unknown'] },
        { name: 'q', label: 'Repository', placeholder: 'name contains…' },
      ]} />
      <p><button type="button" class={attention === 'true' ? 'active' : ''} onClick={toggle} data-testid="attention-toggle">
        {attention === 'true' ? 'Show every extension and skin' : 'Needs attention only'}</button></p>
      <Async state={data} what="the stewardship overview">
        {(d) => {
          const over = (d.compliance_over_time as Row[]);
          return (
            <>
              <p data-testid="summary">{d.summary.repos} extensions and skins; {d.summary.needs_attention} need attention;{' '}
                {Object.entries(d.summary.by_status as Record<string, number>).map(([k, v]) => `${k} ${v}`).join(', ')}.</p>
              <Table id="stewardship" rows={(d.rows as Row[]).map((r) => ({ ...r, compliance_required: pct(r.compliance_required), compliance_safe: pct(r.compliance_safe), compliance_latest: pct(r.compliance_latest), attention: (r.attention as string[]).join('; ') }))}
                columns={COLUMNS} show={SHOWN} empty="No extension or skin matches." page={200}
                cells={{ repo: (r) => <a href={href(`steward/${String(r.repo)}`)} data-testid="steward-link">{String(r.repo)}</a> }} />
              {over.length > 0 && (
                <TimeChart kind="line" bucket="month" title="Share of the fleet meeting every applicable target, at each month's start" yLabel="share of repositories"
                  data={over.map((r) => ({ t: new Date(String(r.month)), series: String(r.truth), value: r.share as number }))} />
              )}
              <ul class="muted">{Object.entries(d.truths as Record<string, string>).map(([k, v]) => <li key={k}><b>{k}</b>: {v}</li>)}</ul>
            </>
          );
        }}
      </Async>
    </section>
  );
}
