// Test-health routes: GET /api/tests (per-test health), /api/tests/failing, /api/tests/flaky,
// /api/tests/repos, /api/tests/broken (broken by a dependency) and /api/tests/history (the runs
// of one test). Thin over the reports of src/metrics (the same ones /api/reports/<id> runs), so
// every answer carries the definition id@version and the data watermark.
import type { Hono } from 'hono';
import { z } from 'zod';
import { runMetric } from '../../metrics/run.ts';
import type { MetricDefinition } from '../../metrics/define.ts';
import { testHealth } from '../../metrics/test_health/test_health.ts';
import { testHealthRepos } from '../../metrics/test_health_repos/test_health_repos.ts';
import { testHistory } from '../../metrics/test_history/test_history.ts';
import { testsBrokenByDependency } from '../../metrics/tests_broken_by_dependency/tests_broken_by_dependency.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../openapi.ts';

const filters = {
  repo: z.string().min(1).optional().describe('repository, e.g. mediawiki/core'),
  suite: z.string().min(1).optional(),
  q: z.string().min(1).optional().describe('test name contains (case-insensitive)'),
  until: z.string().optional().describe('as of this time (default: the newest test result, at most now); windows are 7/30/90 days before it'),
  limit: z.string().regex(/^\d+$/).optional(),
};
const healthQuery = z.object({ ...filters, state: z.enum(['all', 'failing', 'flaky', 'failed']).optional() });

export function registerTestRoutes(app: Hono, deps: AppDeps): void {
  const run = (def: MetricDefinition<any>, params: Record<string, unknown>) =>
    runMetric(def, { store: deps.store, clock: deps.clock }, params);

  route(app, {
    method: 'get', path: '/api/tests', tag: 'tests', query: healthQuery, example: '/api/tests?limit=5',
    summary: 'Per-test health (repo, suite, class, name): runs, failures, failure rate over 7/30/90 days, currently failing, flaky, first failure, time to fix, last seen',
  }, async (c, { query }) => c.json(await run(testHealth, query)));

  route(app, {
    method: 'get', path: '/api/tests/failing', tag: 'tests', query: z.object(filters), example: '/api/tests/failing',
    summary: 'Tests whose last main-line run failed, with the time of the failure that started it',
  }, async (c, { query }) => c.json(await run(testHealth, { ...query, state: 'failing' })));

  route(app, {
    method: 'get', path: '/api/tests/flaky', tag: 'tests', query: z.object(filters), example: '/api/tests/flaky',
    summary: 'Tests that passed and failed on the same commit (change + patch set) within the 14 days before `until`',
  }, async (c, { query }) => c.json(await run(testHealth, { ...query, state: 'flaky' })));

  route(app, {
    method: 'get', path: '/api/tests/repos', tag: 'tests', query: z.object(filters), example: '/api/tests/repos',
    summary: 'Test health per repository: failing and flaky tests, failed runs per day, failure rate, mean time to fix',
  }, async (c, { query }) => c.json(await run(testHealthRepos, query)));

  route(app, {
    method: 'get', path: '/api/tests/broken', tag: 'tests', example: '/api/tests/broken',
    query: z.object({
      repo: filters.repo, since: z.string().optional(), until: z.string().optional(), limit: filters.limit,
      min_changes: z.string().regex(/^\d+$/).optional().describe('unrelated changes failing the same test in a day (default 3)'),
    }),
    summary: 'Broken by a dependency: the same test failing on several unrelated changes of a repository within a day',
  }, async (c, { query }) => c.json(await run(testsBrokenByDependency, query)));

  route(app, {
    method: 'get', path: '/api/tests/history', tag: 'tests', example: '/api/tests/history?name=testFoo',
    query: z.object({
      name: z.string().min(1).describe('test name (exact)'), repo: filters.repo, suite: filters.suite, class: z.string().min(1).optional(),
      since: z.string().optional(), until: z.string().optional(), limit: filters.limit,
    }),
    summary: 'Every run of one test, newest first, with its build, change, pipeline and message',
  }, async (c, { query }) => c.json(await run(testHistory, query)));
}
