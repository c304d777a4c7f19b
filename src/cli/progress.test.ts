// Progress bars: one per source summing its scopes, never above their total, with rate,
// ETA and the scope by name (never a temporary path); disabled output passes log lines.
import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, renderBar, scopeLabel } from './progress.ts';

function bar(scopes: [string, number, number | undefined][], elapsedS: number, quietS = 0) {
  return renderBar({
    source: 'jenkins', scope: scopes.at(-1)![0], startedAt: 0, lastAt: (elapsedS - quietS) * 1000,
    scopes: new Map(scopes.map(([s, done, total]) => [s, { done, total }])),
  }, elapsedS * 1000, 8);
}

describe('renderBar', () => {
  it('sums the scopes of a source, with rate and ETA', () => {
    const line = bar([['/tmp/shiplog-demo-x/jenkins/job/a', 100, 400], ['/tmp/shiplog-demo-x/jenkins/job/b', 100, 400]], 10);
    expect(line).toMatch(/^jenkins  \[█{5}░{15}\]  25%  200\/800  20\/s  ETA 30s  b$/);
    expect(line).not.toContain('/tmp');
  });

  it('never shows more than the total, even when a source reports one over', () => {
    const line = bar([['scope', 401, 400]], 5);
    expect(line).toContain('100%');
    expect(line).toContain('401/401');
  });

  it('freezes a finished source: its rate and time stop where it ended, and a bar without a total says done', () => {
    const b = {
      source: 'sal', scope: 'sal.ndjson', startedAt: 0, lastAt: 10_000, endedAt: 10_000,
      scopes: new Map([['sal.ndjson', { done: 2000, total: undefined }]]),
    };
    expect(renderBar(b, 60_000, 3)).toBe('sal [████████████████████] done  2,000  200/s  10s  sal.ndjson');
  });

  it('shows a count and elapsed time without a total, and says when a source has been quiet', () => {
    expect(bar([['https://gerrit.wikimedia.org/r/', 50, undefined]], 20, 3)).toMatch(/\[·+\]\s+50  2\.5\/s  20s  gerrit\.wikimedia\.org\/r  \(working 3s\)$/);
  });
});

describe('scopeLabel / formatDuration', () => {
  it('names scopes as people know them', () => {
    expect(scopeLabel('/tmp/shiplog-demo-abc/gerrit-notedb/mediawiki-extensions-Echo.git')).toBe('mediawiki-extensions-Echo');
    expect(scopeLabel('project:mediawiki/core')).toBe('core');
    expect(scopeLabel('status:merged')).toBe('status:merged');
    expect(formatDuration(75)).toBe('1m15s');
    expect(formatDuration(3700)).toBe('1h01m');
  });
});

describe('createProgress', () => {
  it('draws bars and a ticking status on a terminal, and only log lines otherwise', () => {
    let now = 0;
    let out = '';
    const p = createProgress({ enabled: true, write: (t) => (out += t), clock: () => now, columns: () => 80 });
    p.update({ source: 'sal', scope: '/tmp/x/sal/sal.ndjson', done: 10, total: 20 });
    now = 3000;
    p.status('building the rollups');
    expect(out).toContain('sal [██████████░░░░░░░░░░]  50%  10/20  3.3/s  ETA 3s  sal.ndjson  (working 3s)');
    now = 4000;
    p.update({ source: 'git', scope: '/tmp/x/git/core.git', done: 5, total: 5 });
    now = 9000;
    p.stop();
    const last = out.slice(out.lastIndexOf('\x1b[0J'));
    expect(last).toContain('sal [██████████░░░░░░░░░░]  50%  10/20  0s  sal.ndjson'); // frozen when git started, not working
    expect(last).toContain('git [████████████████████] 100%  5/5  0s  core'); // one event: no rate to show
    expect(out).toContain('building the rollups … 0s');
    let plain = '';
    const off = createProgress({ enabled: false, write: (t) => (plain += t), clock: () => 0 });
    off.update({ source: 'sal', scope: 'x', done: 1 });
    off.status('ignored');
    off.log('emitted sal in 0.1 s');
    off.stop();
    expect(plain).toBe('emitted sal in 0.1 s\n');
  });
});
