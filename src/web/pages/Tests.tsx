// Tests: test health and the cost of CI. Per repository failing and flaky tests and mean
// time to fix; the tests themselves (failing, flaky, all) with failure rates; tests broken by
// a dependency; CI agent hours per day and the quibble job matrix; one test's runs when
// ?test=<name>. Data from /api/tests/* and /api/reports/ci_* only.
import { Chart } from '../components/Chart.tsx';
import { DataTable, Loading } from '../components/DataTable.tsx';
import { getJson, type Row } from '../lib/api.ts';
import type { Route } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

interface Report { columns?: string[]; rows: Row[]; notes?: string[]; id: string; version: number }

const TEST_COLUMNS = ['repo', 'suite', 'class', 'name', 'currently_failing', 'failing_since', 'flaky', 'flaky_commits_14d',
  'failure_rate_7d', 'failure_rate_30d', 'failure_rate_90d', 'runs_30d', 'first_failure_at', 'mean_time_to_fix_h', 'last_seen_at'];

function TestRuns({ name, repo }: { name: string; repo?: string }) {
  const h = useData(() => getJson<Report>('/api/tests/history', { name, repo, limit: '200' }), [name, repo]);
  return (
    <section data-testid="test-history">
      <h2>Runs of {name}</h2>
      <Loading {...h} />
      {h.data && <DataTable columns={['run_at', 'status', 'duration_ms', 'message', 'build_key', 'job', 'pipeline', 'change_key', 'patchset', 'mainline']} rows={h.data.rows} empty="No runs." />}
    </section>
  );
}

export function Tests({ route }: { route: Route }) {
  const p = (k: string) => route.params.get(k) || undefined;
  const repo = p('repo');
  const q = p('q');
  const state = p('state') ?? 'failed';
  const until = p('until');
  const test = p('test');
  const repos = useData(() => getJson<Report>('/api/tests/repos', { repo, until }), [repo, until]);
  const tests = useData(() => getJson<Report>('/api/tests', { repo, q, state, until, limit: '200' }), [repo, q, state, until]);
  const broken = useData(() => getJson<Report>('/api/tests/broken', { repo, until, limit: '100' }), [repo, until]);
  const usage = useData(() => getJson<Report>('/api/reports/ci_usage', { by: 'day', repo, until, limit: '120' }), [repo, until]);
  const matrix = useData(() => getJson<Report>('/api/reports/ci_job_matrix', { repo, until }), [repo, until]);
  const days = [...(usage.data?.rows ?? [])].reverse();
  return (
    <section>
      <h1>Tests and CI</h1>
      <Filters route={route} fields={[
        { name: 'repo', label: 'Repository', placeholder: 'e.g. mediawiki/core' },
        { name: 'q', label: 'Test name', placeholder: 'contains…' },
        { name: 'state', label: 'Tests', type: 'select', options: ['failed', 'failing', 'flaky', 'all'] },
        { name: 'until', label: 'As of', type: 'date' },
        { name: 'test', label: 'Runs of test', placeholder: 'exact test name' },
      ]} />
      {test && <TestRuns name={test} repo={repo} />}
      <h2>Per repository</h2>
      <Loading {...repos} />
      {repos.data && <DataTable testId="test-repos" columns={['repo', 'tests_90d', 'failing_tests', 'flaky_tests', 'failed_runs_per_day_30d', 'failure_rate_30d', 'mean_time_to_fix_h', 'fixed_episodes']} rows={repos.data.rows} empty="No test results yet." />}
      <h2>Tests ({state})</h2>
      <Loading {...tests} />
      {tests.data && <DataTable testId="tests" columns={TEST_COLUMNS} rows={tests.data.rows} empty="No tests match." />}
      <h2>Broken by a dependency (same test failing on unrelated changes in a day)</h2>
      <Loading {...broken} />
      {broken.data && <DataTable testId="tests-broken" columns={['day', 'repo', 'suite', 'class', 'name', 'unrelated_changes', 'failed_runs', 'first_message']} rows={broken.data.rows} empty="None found." />}
      <h2>CI time per day</h2>
      <Loading {...usage} />
      {days.length > 0 && (
        <Chart x={days.map((_, i) => i)} categories={days.map((r) => String(r.day).slice(0, 10))} kind="bars" title="Agent hours and wall hours per day" series={[
          { label: 'agent hours', values: days.map((r) => r.agent_h as number) },
          { label: 'wall hours', values: days.map((r) => r.wall_h as number) },
        ]} />
      )}
      {usage.data && <DataTable testId="ci-usage" columns={['day', 'builds', 'changes', 'builds_per_change', 'agent_h', 'wall_h', 'failure_rate', 'median_duration_min']} rows={usage.data.rows} empty="No CI builds yet." />}
      <h2>Job matrix</h2>
      <Loading {...matrix} />
      {matrix.data && <DataTable testId="ci-matrix" columns={['family', 'deps', 'db', 'php', 'jobs', 'builds', 'agent_h', 'failure_rate', 'median_duration_min']} rows={matrix.data.rows} empty="No CI builds yet." />}
    </section>
  );
}
