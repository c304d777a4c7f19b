// The git collector's progress: commits done of the branch's total, never more (the repo
// item that opens each run is not a commit), in every batch and at the end.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo } from '../../../test/helpers/repo.ts';
import { silentLogger } from '../../lib/log.ts';
import { collectGit } from './collect.ts';

describe('collectGit progress', () => {
  it('ends at exactly the number of commits', async () => {
    const repo = await makeRepo(join(mkdtempSync(join(tmpdir(), 'shiplog-git-progress-')), 'r.git'), 5_001);
    const seen: { done: number; total?: number }[] = [];
    let commits = 0;
    for await (const b of collectGit({
      source: 'git', scope: 'r', cursor: null, config: undefined, paths: [repo], options: { name: 'r' },
      fetch, clock: () => new Date(), log: silentLogger(),
    })) {
      commits += b.items.filter((i) => i.kind === 'commit').length;
      if (b.progress) seen.push(b.progress);
    }
    expect(commits).toBe(5_001);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((p) => p.total === 5_001 && p.done <= 5_001)).toBe(true);
    expect(seen.at(-1)).toEqual({ done: 5_001, total: 5_001 });
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
  });
});
