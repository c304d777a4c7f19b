// test-results-from-builds fills a large backlog a slice of builds a transaction (DuckDB keeps
// an UPDATE's old values in memory it cannot spill: 12.7M results at once ran out of 512MB),
// and the slices give the same rows as one statement. On both engines; on ClickHouse the fill
// is two statements (write the filled rows, delete the unfilled), and a process killed between
// them must resume to the same rows, with no result twice.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGINES_UNDER_TEST, type EngineUnderTest } from '../../store/contract/engines.ts';
import type { Store } from '../../store/index.ts';
import { runDerive } from '../run.ts';
import { Touched } from '../versions.ts';
import { testResultsFromBuilds } from './test-results-from-builds.ts';

const now = new Date('2026-03-01T00:00:00Z');

async function seeded(engine: EngineUnderTest): Promise<Store> {
  const store = await engine.open();
  const builds = Array.from({ length: 6 }, (_, b) => ({
    build_key: `build:jenkins:h/ci/job/a/${b}`, system: 'jenkins', repo: b === 5 ? null : `mediawiki/extensions/E${b}`,
    started_at: b === 4 ? null : new Date(Date.UTC(2026, 1, b + 1, 10)), reported_at: new Date(Date.UTC(2026, 1, b + 1, 11)),
  }));
  await store.write('ci_builds', builds);
  const results = builds.flatMap((b, i) => Array.from({ length: 5 + i }, (_, k) => ({
    result_key: `${b.build_key}/t${k}`, build_key: b.build_key, name: `t${k}`, status: 'pass',
    ...(k === 0 ? { repo: 'said-by-the-xml', run_at: new Date('2026-01-01T00:00:00Z') } : {}),
  })));
  // a result whose build is unknown stays as it is, and must not keep the step going
  results.push({ result_key: 'orphan', build_key: 'build:junit:nowhere', name: 'o', status: 'pass' });
  await store.write('test_results', results);
  const touched = new Touched(); // as an import's batch does: the step's inputs moved on
  touched.add('ci_builds', builds.length);
  touched.add('test_results', results.length);
  await store.transaction((tx) => touched.commit(tx, now));
  return store;
}

/** The first statement of the engine's fill alone, for every build: what a process killed after it left. */
async function killedAfterFirstStatement(engine: EngineUnderTest, store: Store): Promise<void> {
  const file = new URL(engine.name === 'clickhouse' ? './test-results-fill.clickhouse.sql' : './test-results-fill.sql', import.meta.url);
  const first = readFileSync(file, 'utf8').split(/;\s*\n(?=[A-Z])/)[0]; // a statement ends where the next begins
  await store.run(first, [null]);
}

async function filled(engine: EngineUnderTest, slice: number, killed = false): Promise<{ rows: unknown[]; transactions: number; changed: number }> {
  const store = await seeded(engine);
  if (killed) await killedAfterFirstStatement(engine, store);
  let transactions = 0;
  const counting = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'transaction') return (fn: (tx: Store) => Promise<unknown>) => { transactions++; return target.transaction(fn); };
      return Reflect.get(target, prop, receiver);
    },
  });
  const ran = await runDerive(counting, [testResultsFromBuilds(slice)], { now });
  const rows = (await store.all<{ result_key: string; repo: string | null; run_at: Date | null }>('SELECT result_key, repo, run_at FROM test_results ORDER BY result_key, repo'))
    .map((r) => ({ ...r, run_at: r.run_at?.toISOString().slice(0, 16) ?? null }));
  await store.close();
  return { rows, transactions, changed: ran.reduce((n, r) => n + r.changed, 0) };
}

describe.each(ENGINES_UNDER_TEST)('test-results-from-builds in slices on $name', (engine) => {
  it.skipIf(engine.missing)('fills the same rows a slice at a time as in one statement, and then rests', async () => {
    const whole = await filled(engine, 1_000_000);
    const sliced = await filled(engine, 8);
    expect(sliced.rows).toEqual(whole.rows);
    // 45 results of known builds, 6 said by the XML: 39 filled either way
    expect(whole.changed).toBe(39);
    expect(sliced.changed).toBe(39);
    expect(sliced.transactions).toBeGreaterThan(whole.transactions + 3);
    expect(whole.rows).toContainEqual({ result_key: 'orphan', repo: null, run_at: null });
    expect(whole.rows).toContainEqual({ result_key: 'build:jenkins:h/ci/job/a/4/t1', repo: 'mediawiki/extensions/E4', run_at: '2026-02-05T11:00' });
    expect(whole.rows).toContainEqual({ result_key: 'build:jenkins:h/ci/job/a/5/t1', repo: null, run_at: '2026-02-06T10:00' });
    expect(whole.rows).toContainEqual({ result_key: 'build:jenkins:h/ci/job/a/0/t0', repo: 'said-by-the-xml', run_at: '2026-01-01T00:00' });
  });

  it.skipIf(engine.missing)('resumes a fill killed after its first statement to the same rows, none twice', async () => {
    const whole = await filled(engine, 1_000_000);
    const resumed = await filled(engine, 1_000_000, true);
    expect(resumed.rows).toEqual(whole.rows);
    expect(new Set(resumed.rows.map((r) => (r as { result_key: string }).result_key)).size).toBe(resumed.rows.length);
  });
});
