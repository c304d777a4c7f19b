// Generated git repositories for tests and benchmarks: n commits with realistic
// messages (Bug: footers on about half, Change-Id on all), written with fast-import.
import { writeRepo, type FastCommit } from '../../src/demo/fast-import.ts';
import { rng } from '../../src/demo/rng.ts';

export function* syntheticCommits(n: number, seed = 1): Generator<FastCommit> {
  const r = rng(seed);
  const t0 = Date.UTC(2014, 0, 1) / 1000;
  for (let i = 0; i < n; i++) {
    const who = `dev${r.int(1, 200)}`;
    const at = new Date((t0 + i * 600) * 1000);
    const bugs = r.chance(0.5) ? [`Bug: T${r.int(1000, 400000)}`, ...(r.chance(0.1) ? [`Bug: T${r.int(1000, 400000)}`] : [])] : [];
    yield {
      ref: 'refs/heads/master',
      author: { name: `Dev ${who}`, email: `${who}@example.org`, at },
      committer: { name: 'jenkins-bot', email: 'jenkins-bot@gerrit.wikimedia.org', at },
      message: [`Change ${i}: adjust setting ${r.hex(6)}`, '', 'Body line.', '', ...bugs, `Change-Id: I${r.hex(40)}`, ''].join('\n'),
      files: [{ path: `wmf-config/file${i % 50}.php`, content: `<?php // ${i}\n` }],
    };
  }
}

export async function makeRepo(dir: string, n: number, seed = 1): Promise<string> {
  await writeRepo(dir, syntheticCommits(n, seed));
  return dir;
}
