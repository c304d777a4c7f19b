// A link rule works through its source keys in slices, a transaction each (the answer joined
// with the rule's links at once did not fit DuckDB's 512MB at 709,832 pairs), and the slices
// give the same links as one pass: new links written, stale ones deleted, a record's own link
// left alone, including stale links whose keys lie before or after every key of the answer.
// On both engines (bound.sql and slice.sql are the same SQL on both).
import { describe, expect, it } from 'vitest';
import { runDerive } from '../derive/run.ts';
import { Touched } from '../derive/versions.ts';
import { ENGINES_UNDER_TEST, type EngineUnderTest } from '../store/contract/engines.ts';
import type { Store } from '../store/index.ts';
import { LINK_RULES } from './registry.ts';
import { linkStep } from './run.ts';

const now = new Date('2026-03-01T00:00:00Z');
const rule = LINK_RULES.find((r) => r.rule === 'jenkins-zuul-url')!;

const pair = (n: number) => {
  const url = `integration.wikimedia.org/ci/job/quibble/${n}`;
  const at = new Date(Date.UTC(2026, 1, 1, 0, n));
  return [
    { build_key: `build:jenkins:${url}`, system: 'jenkins', url: `https://${url}/`, started_at: at, reported_at: at },
    { build_key: `build:zuul:${url}`, system: 'zuul', url: `https://${url}/`, reported_at: new Date(at.getTime() + 60_000) },
  ];
};

async function moved(store: Store, tables: string[]): Promise<void> {
  const touched = new Touched(); // as an import's batch does: the step's inputs moved on
  for (const t of tables) touched.add(t, 1);
  await store.transaction((tx) => touched.commit(tx, now));
}

/** Two imports and a derive after each, with the rule sliced by `slice` source keys; the links after each and the transactions. */
async function linked(engine: EngineUnderTest, slice: number): Promise<{ first: unknown[]; second: unknown[]; transactions: number }> {
  const store = await engine.open();
  let transactions = 0;
  const counting = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'transaction') return (fn: (tx: Store) => Promise<unknown>) => { transactions++; return target.transaction(fn); };
      return Reflect.get(target, prop, receiver);
    },
  });
  const links = async () => (await store.all<{ first_seen_at: Date | null }>('SELECT src_key, dst_key, rule, evidence, first_seen_at, raw_id FROM links ORDER BY src_key, dst_key, rule'))
    .map(({ first_seen_at, ...l }) => ({ ...l, at: first_seen_at?.toISOString().slice(0, 16) ?? null }));
  const step = linkStep(rule, { sliceKeys: slice });
  await store.write('ci_builds', Array.from({ length: 12 }, (_, n) => pair(10 + n)).flat());
  await moved(store, ['ci_builds']);
  await runDerive(counting, [step], { now });
  const first = await links();
  // the lowest and the highest Zuul build go (their links are stale, before and after every key
  // left in the answer), one report comes later (a changed link), a pair is new, and a record
  // links one pair itself (its link stays as the record made it)
  await store.remove('ci_builds', 'build_key IN ($1, $2)', ['build:zuul:integration.wikimedia.org/ci/job/quibble/10', 'build:zuul:integration.wikimedia.org/ci/job/quibble/21']);
  await store.write('ci_builds', [{ ...pair(15)[1], reported_at: new Date('2026-02-03T00:00:00Z') }, ...pair(30)]);
  await store.write('links', [{ src_key: pair(17)[0].build_key, dst_key: pair(17)[1].build_key, rule: 'jenkins-zuul-url', evidence: 'said by a record', confidence: 'high', first_seen_at: new Date('2026-01-01T00:00:00Z'), raw_id: 'raw-1' }]);
  await moved(store, ['ci_builds']);
  await runDerive(counting, [step], { now });
  const second = await links();
  await store.close();
  return { first, second, transactions };
}

describe.each(ENGINES_UNDER_TEST)('link rules in slices on $name', (engine) => {
  it.skipIf(engine.missing)('give the same links a slice of source keys at a time as in one pass', async () => {
    const whole = await linked(engine, 1_000_000);
    const sliced = await linked(engine, 3);
    expect(sliced.first).toEqual(whole.first);
    expect(sliced.second).toEqual(whole.second);
    expect(whole.first).toHaveLength(12);
    expect(whole.second).toHaveLength(12 - 2 + 1);
    expect(sliced.transactions).toBeGreaterThanOrEqual(whole.transactions + 4 + 3);
    const keys = (rows: unknown[]) => (rows as { src_key: string }[]).map((r) => r.src_key.split('/').pop());
    expect(keys(whole.second)).not.toContain('10');
    expect(keys(whole.second)).not.toContain('21');
    expect(keys(whole.second)).toContain('30');
    expect(whole.second).toContainEqual(expect.objectContaining({ src_key: pair(15)[0].build_key, at: '2026-02-03T00:00' }));
    expect(whole.second).toContainEqual(expect.objectContaining({ src_key: pair(17)[0].build_key, evidence: 'said by a record', raw_id: 'raw-1' }));
  });

  it.skipIf(engine.name !== 'duckdb')('refuse a slice size below one key (no store: once is enough)', () => {
    expect(() => linkStep(rule, { sliceKeys: 0 })).toThrow(/at least one/);
  });
});
