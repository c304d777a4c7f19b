// Coverage by hand: which tables a report's SQL reads (views expanded, names qualified or
// quoted), when a period is covered, and reports stamped id@version, runnable by old version.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStore } from '../../store/index.ts';
import { defineMetric } from '../define.ts';
import { findMetric } from '../registry.ts';
import { runMetric } from '../run.ts';
import { gapOf, tablesIn, type SourceCoverage } from './coverage.ts';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const row = (o: Partial<SourceCoverage>): SourceCoverage => ({
  table: 'changes', time: 'created_at', source: 'gerrit', rows: 10, oldest: d('2013-01-01'), newest: d('2019-05-01'), last_collected: d('2026-12-07'), ...o,
});

describe('tables a report reads', () => {
  it('takes catalogue tables after FROM and JOIN, expanding views, quoted or qualified', () => {
    const views = new Map([['deploy_twins', 'CREATE VIEW deploy_twins AS SELECT 1 FROM shiplog.`deployments` d JOIN "deployment_items" i ON true']]);
    expect(tablesIn(['SELECT * FROM changes c LEFT JOIN identities i ON i.x = c.owner WHERE c.changes > 0', 'SELECT 1 FROM deploy_twins, raw_records'], views))
      .toEqual(['changes', 'deployment_items', 'deployments', 'identities']);
  });
});

describe('whether loaded data covers a period', () => {
  it('says when the data ends before the period (Gerrit data ending in 2019, collected in 2026)', () => {
    expect(gapOf('changes', [row({})], d('2020-01-01'), d('2020-02-01'))).toBe('changes: the period starts after its data ends (gerrit: 2013-01-01 to 2019-05-01)');
    expect(gapOf('changes', [row({})], d('2019-04-01'), d('2019-06-01'))).toBe('changes: partly covered, its data (gerrit) ends 2019-05-01');
    expect(gapOf('changes', [row({})], d('2012-12-01'), d('2013-02-01'))).toBe('changes: partly covered, its data (gerrit) begins 2013-01-01');
    expect(gapOf('changes', [row({})], d('2010-01-01'), d('2011-01-01'))).toBe('changes: the period ends before its data begins (gerrit: 2013-01-01 to 2019-05-01)');
    expect(gapOf('changes', [], d('2010-01-01'), d('2011-01-01'))).toBe('changes: no data loaded');
  });

  it('takes a quiet stretch before a later collection as covered', () => {
    const fresh = row({ newest: d('2026-12-01'), last_collected: d('2026-12-07') });
    expect(gapOf('changes', [fresh], d('2026-11-01'), d('2026-12-07'))).toBeNull();
    expect(gapOf('changes', [{ ...fresh, last_collected: d('2026-12-02') }], d('2026-11-01'), d('2026-12-07'))).toBe('changes: partly covered, its data (gerrit) ends 2026-12-01');
  });

  it('takes a period with a start and no end (since only, as the steward page asks) without failing', () => {
    expect(gapOf('changes', [row({})], d('2020-01-01'), null)).toBe('changes: the period starts after its data ends (gerrit: 2013-01-01 to 2019-05-01)');
    expect(gapOf('changes', [row({})], d('2012-12-01'), null)).toBe('changes: partly covered, its data (gerrit) begins 2013-01-01');
    expect(gapOf('changes', [row({})], d('2014-01-01'), null)).toBeNull();
  });
});

describe('versions', () => {
  const v1 = defineMetric({
    id: 'open_changes', version: 1, kind: 'metric', title: 'Open changes', description: 'all', params: z.object({}),
    async run(ctx) { return { rows: await ctx.store.all('SELECT count(*) AS n FROM changes') }; },
  });
  const v2 = { ...v1, version: 2, async run(ctx: { store: { all: (s: string) => Promise<Record<string, unknown>[]> } }) { return { rows: await ctx.store.all("SELECT count(*) AS n FROM changes WHERE status = 'open'") }; } };
  const all = { current: [v2 as typeof v1], previous: [v1] };

  it('finds the current definition by id and a kept one by id@version', async () => {
    expect(findMetric('open_changes', all)?.version).toBe(2);
    expect(findMetric('open_changes@1', all)?.version).toBe(1);
    expect(findMetric('open_changes@3', all)).toBeUndefined();
    const store = await openStore(':memory:');
    await store.write('changes', [{ change_key: 'c1', host: 'h', number: 1, status: 'open', created_at: d('2024-01-01'), raw_id: 'gerrit:change:1#0' },
      { change_key: 'c2', host: 'h', number: 2, status: 'merged', created_at: d('2024-01-02'), raw_id: 'gerrit:change:2#0' }]);
    const old = await runMetric(findMetric('open_changes@1', all)!, { store, clock: () => d('2024-02-01') }, {});
    const now = await runMetric(findMetric('open_changes', all)!, { store, clock: () => d('2024-02-01') }, {});
    expect([old.metric, old.rows[0].n, now.metric, now.rows[0].n]).toEqual(['open_changes@1', 2, 'open_changes@2', 1]);
    expect(now.coverage.sources).toEqual([{ table: 'changes', time: 'created_at', source: 'gerrit', rows: 2, oldest: d('2024-01-01'), newest: d('2024-01-02'), last_collected: null }]);
    await store.close();
  });

  it('keeps deploys@1 runnable beside deploys@2, each stamped with its own version', async () => {
    const store = await openStore(':memory:');
    await store.write('deployments', [{ deploy_key: 'deploy:sal:d1', kind: 'backport', started_at: d('2024-03-05'), deployer: 'alice', outcome: 'ok', raw_id: 'sal:entry:d1#0' }]);
    const v1 = await runMetric(findMetric('deploys@1')!, { store, clock: () => d('2024-03-10') }, {});
    const v2 = await runMetric(findMetric('deploys')!, { store, clock: () => d('2024-03-10') }, {});
    expect([v1.metric, v1.columns?.includes('contact_person'), v2.metric, v2.columns?.includes('contact_person')]).toEqual(['deploys@1', false, 'deploys@3', true]);
    expect(v1.coverage.sources.map((s) => `${s.table}/${s.source}`)).toEqual(['deployments/sal']);
    await store.close();
  });

  it('names the runnable versions of a known id', async () => {
    const { unknownMetricMessage } = await import('../registry.ts');
    expect(unknownMetricMessage('pulse@9')).toBe('report pulse@9: no such version (runnable: pulse@1)');
    expect(unknownMetricMessage('deploys@3')).toBe('report deploys@3: no such version (runnable: deploys@3, deploys@2, deploys@1)');
  });
});
