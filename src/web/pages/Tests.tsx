// Tests: test health and the cost of CI. Per repository failing and flaky tests and mean
// time to fix; the tests themselves (failing, flaky, all) with failure rates; tests broken by
// a dependency, and the core change that broke each (tests_broken_by_change); CI agent
// hours per day and the quibble job matrix; one test's runs when ?test=<name>.
// Data from /api/tests/* and /api/reports/* only.
import { TimeChart } from '../components/Chart.tsx';
import { ReportTable, type ReportResult } from '../components/ReportTable.tsx';
import { Async } from '../components/State.tsx';
import { Table } from '../components/Table.tsx';
import { getJson } from '../lib/api.ts';
import { type Route, useTitle } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { Filters } from './Filters.tsx';

const TEST_COLUMNS = ['name', 'class', 'repo', 'currently_failing', 'failing_since', 'failure_rate_30d', 'runs_30d', 'flaky', 'mean_time_to_fix_h',
  'suite', 'flaky_commits_14d', 'failure_rate_7d', 'failure_rate_90d', 'first_failure_at', 'last_seen_at'];
const TEST_SHOWN = TEST_COLUMNS.slice(0, 8);

function TestRuns({ name, repo }: { name: string; repo?: string }) {
  const h = useData(() => getJson<ReportResult>('/api/tests/history', { name, repo, limit: '200' }), [name, repo]);
  return (
    <section data-testid="test-history">
      <h2>Runs of {name}</h2>
      <Async state={h} what={`the runs of ${name}`}>
        {(d) => <Table id="test-runs" columns={['run_at', 'status', 'duration_ms', 'message', 'build_key', 'job', 'pipeline', 'change_key', 'patchset', 'mainline']} show={['run_at', 'status', 'duration_ms', 'message', 'build_key', 'change_key']} rows={d.rows} empty="No runs." />}
      </Async>
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
  useTitle(test ? `${test} · Tests` : 'Tests');
  const repos = useData(() => getJson<ReportResult>('/api/tests/repos', { repo, until }), [repo, until]);
  const tests = useData(() => getJson<ReportResult>('/api/tests', { repo, q, state, until, limit: '200' }), [repo, q, state, until]);
  const broken = useData(() => getJson<ReportResult>('/api/tests/broken', { repo, until, limit: '100' }), [repo, until]);
  const usage = useData(() => getJson<ReportResult>('/api/reports/ci_usage', { by: 'day', repo, until, limit: '120' }), [repo, until]);
  const matrix = useData(() => getJson<ReportResult>('/api/reports/ci_job_matrix', { repo, until }), [repo, until]);
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
      <Async state={repos} what="test health per repository">
        {(d) => <Table id="test-repos" columns={['repo', 'tests_90d', 'failing_tests', 'flaky_tests', 'failed_runs_per_day_30d', 'failure_rate_30d', 'mean_time_to_fix_h', 'fixed_episodes']} rows={d.rows} empty="No test results yet." />}
      </Async>
      <h2>Tests ({state})</h2>
      <Async state={tests} what="tests">
        {(d) => <Table id="tests" columns={TEST_COLUMNS} show={TEST_SHOWN} rows={d.rows} empty="No tests match." />}
      </Async>
      <h2>Broken by a dependency (same test failing on unrelated changes in a day)</h2>
      <Async state={broken} what="tests broken by a dependency">
        {(d) => <Table id="tests-broken" columns={['day', 'name', 'class', 'repo', 'unrelated_changes', 'failed_runs', 'first_message', 'suite']} show={['day', 'name', 'class', 'repo', 'unrelated_changes', 'failed_runs', 'first_message']} rows={d.rows} empty="None found." />}
      </Async>
      <ReportTable id="tests_broken_by_change" title="Broken by a core change (the change merged between the last pass and the first failure)" params={{ repo, until }} limit={100}
        show={['first_fail_at', 'name', 'repo', 'broken_by', 'broken_by_subject', 'broken_by_owner', 'verdict', 'evidence']} />
      <h2>CI time per day</h2>
      <Async state={usage} what="CI time">
        {(d) => (
          <>
            {d.rows.length > 0 && (
              <TimeChart kind="line" bucket="day" title="CI agent hours and wall-clock hours per day" yLabel="hours"
                data={d.rows.flatMap((r) => [
                  { t: new Date(String(r.day)), series: 'agent hours', value: r.agent_h as number | null },
                  { t: new Date(String(r.day)), series: 'wall hours', value: r.wall_h as number | null },
                ])} />
            )}
            <Table id="ci-usage" columns={['day', 'builds', 'changes', 'builds_per_change', 'agent_h', 'wall_h', 'failure_rate', 'median_duration_min']} rows={d.rows} empty="No CI builds yet." />
          </>
        )}
      </Async>
      <h2>Job matrix</h2>
      <Async state={matrix} what="the job matrix">
        {(d) => <Table id="ci-matrix" columns={['family', 'deps', 'db', 'php', 'jobs', 'builds', 'agent_h', 'failure_rate', 'median_duration_min']} rows={d.rows} empty="No CI builds yet." />}
      </Async>
    </section>
  );
}
