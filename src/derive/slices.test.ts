// Steps that work in slices (src/model/step.ts): a slice that answers a cursor commits and the
// next slice goes on from it, even when that range changed nothing; a step that answers the
// cursor it was given would never finish, and the derive layer says so instead of looping.
import { describe, expect, it } from 'vitest';
import type { Step } from '../model/step.ts';
import { openStore } from '../store/index.ts';
import { runDerive } from './run.ts';
import { Touched } from './versions.ts';

const now = new Date('2026-03-01T00:00:00Z');

async function seeded() {
  const store = await openStore(':memory:');
  await store.write('repos', ['a', 'b', 'c'].map((name) => ({ repo_key: `repo:${name}`, name })));
  const touched = new Touched();
  touched.add('repos', 3);
  await store.transaction((tx) => touched.commit(tx, now));
  return store;
}

/** A step over repos in name order, one repo a slice, writing a link only for repo `b`. */
function ranged(seen: (string | null)[], stuck = false): Step {
  return {
    name: 'ranged', description: 'test', reads: ['repos'], writes: ['links'],
    async run(ctx) {
      seen.push(ctx.cursor);
      const [next] = await ctx.all<{ name: string }>('SELECT name FROM repos WHERE $1 IS NULL OR name > $1 ORDER BY name LIMIT 1', [ctx.cursor]);
      if (!next) return;
      if (next.name === 'b') await ctx.write('links', [{ src_key: 'repo:b', dst_key: 'task:T1', rule: 'test', confidence: 'high' }]);
      return { cursor: stuck ? (ctx.cursor ?? next.name) : next.name };
    },
  };
}

describe('derive steps in slices', () => {
  it('go on from the cursor each slice answered, through ranges that change nothing, and then rest', async () => {
    const store = await seeded();
    const seen: (string | null)[] = [];
    const [run] = await runDerive(store, [ranged(seen)], { now });
    expect(seen).toEqual([null, 'a', 'b', 'c']);
    expect(run.changed).toBe(1);
    expect(await runDerive(store, [ranged(seen)], { now })).toEqual([]);
    await store.close();
  });

  it('refuse a step that answers the cursor it was given', async () => {
    const store = await seeded();
    await expect(runDerive(store, [ranged([], true)], { now })).rejects.toThrow(/answered the cursor it was given \(a\)/);
    await store.close();
  });
});
