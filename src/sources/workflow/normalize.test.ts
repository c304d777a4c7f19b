// Workflow events → windows, deployments, items and the deployer's explicit links.
import { describe, expect, it } from 'vitest';
import type { RawRecord } from '../types.ts';
import { normalizeWorkflow } from './normalize.ts';

const rec = (kind: string, payload: unknown, n = 1): RawRecord => ({
  rawId: `workflow:${kind}:k#${n}`, source: 'workflow', scope: 'events', kind, key: 'k', url: `event[${n}]`,
  payload: typeof payload === 'string' ? payload : JSON.stringify(payload), contentHash: String(n), fetchedAt: new Date(0),
});

const open = { type: 'window-open', window_id: '2026-03-04T2100Z-wf-abc123', name: 'UTC late backport window', opened_at: '2026-03-04T21:01:00Z', deployer: 'urbanecm', host: 'deploy2002' };
const start = {
  type: 'deploy-start', deploy_id: '20260304T210500Z-0a1b2c3d', window_id: open.window_id, forced: false, kind: 'backport',
  command: ['scap', 'backport', '1101577'], message: null, changes: [1101577], tasks: ['T380001'],
  started_at: '2026-03-04T21:05:00Z', deployer: 'urbanecm', host: 'deploy2002',
};

describe('normalizeWorkflow', () => {
  it('maps window-open and window-done to one workflow window', () => {
    const out = normalizeWorkflow([rec('window-open', open), rec('window-done', { ...open, type: 'window-done', closed_at: '2026-03-04T21:50:00Z' }, 2)], { source: 'workflow', scope: 'events' });
    expect(out.rows.windows).toHaveLength(2);
    expect(out.rows.windows[1]).toMatchObject({
      window_key: 'window:2026-03-04T2100Z-wf-abc123', kind: 'backport', source: 'workflow', deployers: ['urbanecm'],
      opened_at: new Date('2026-03-04T21:01:00Z'), closed_at: new Date('2026-03-04T21:50:00Z'), planned_start: null,
    });
  });

  it('maps a deploy start and end to the same deployment, with items and high-confidence links', () => {
    const end = { ...start, type: 'deploy-end', finished_at: '2026-03-04T21:13:47Z', exit_code: 1, outcome: 'failed', staged: true };
    const out = normalizeWorkflow([rec('deploy-start', start), rec('deploy-end', end, 2)], { source: 'workflow', scope: 'events' });
    const [s, e] = out.rows.deployments;
    expect(s).toMatchObject({ deploy_key: 'deploy:workflow:20260304T210500Z-0a1b2c3d', outcome: 'unfinished', finished_at: null });
    expect(e).toMatchObject({
      deploy_key: s.deploy_key, kind: 'backport', outcome: 'failed', staged: true, forced: false, duration_s: 527,
      window_key: 'window:2026-03-04T2100Z-wf-abc123', message: 'scap backport 1101577', deployer: 'urbanecm',
    });
    expect(out.rows.deployment_items.slice(2)).toEqual([
      expect.objectContaining({ item_key: `${s.deploy_key}/1`, change_number: 1101577, change_key: 'change:gerrit.wikimedia.org:1101577' }),
      expect.objectContaining({ item_key: `${s.deploy_key}/2`, task_id: 'T380001' }),
    ]);
    expect(out.rows.links.slice(3).map((l) => [l.dst_key, l.rule, l.confidence])).toEqual([
      ['window:2026-03-04T2100Z-wf-abc123', 'workflow-window', 'high'],
      ['change:gerrit.wikimedia.org:1101577', 'workflow-deploy', 'high'],
      ['task:T380001', 'workflow-deploy', 'high'],
    ]);
  });

  it('rejects bad events with the reason and where they came from', () => {
    const out = normalizeWorkflow([
      rec('deploy-start', '{not json'),
      rec('deploy-start', { ...start, started_at: 'yesterday' }, 2),
      rec('window-open', start, 3),
    ], { source: 'workflow', scope: 'events' });
    expect(out.rows.deployments).toEqual([]);
    expect(out.rejects.map((r) => [r.location, r.reason.split(':')[0]])).toEqual([
      ['event[1]', 'not JSON'], ['event[2]', 'invalid workflow event'], ['event[3]', 'event type "deploy-start" stored as kind "window-open"'],
    ]);
  });
});
