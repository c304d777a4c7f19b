// When the store itself fails mid-import (DuckDB invalidates a database after a fatal error,
// such as a checkpoint that cannot pin its blocks), the user gets one error, the first one,
// saying the committed batches are kept and a re-run resumes: not a second "unexpected
// error" from recording the failure in a store that refuses every write.
import { describe, expect, it } from 'vitest';
import { configSchema } from '../config/schema.ts';
import { ShiplogError } from '../lib/errors.ts';
import { silentLogger } from '../lib/log.ts';
import { openStore, type Store } from '../store/index.ts';
import { importPaths } from './service.ts';

const fixtures = new URL('../sources/incidents/fixtures/', import.meta.url).pathname;

/** The store, except that every transaction fails as DuckDB's do once it invalidated the database. */
function invalidated(store: Store): Store {
  let fatal = 'FATAL Error: Failed to create checkpoint because of error: failed to pin block of size 1.1 MiB (487.6 MiB/488.2 MiB used)\n\nPossible solutions:\n* Reducing the number of threads';
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
      return async () => {
        const err = new Error(fatal);
        fatal = 'FATAL Error: Failed: database has been invalidated because of a previous fatal error.';
        throw err;
      };
    },
  });
}

describe('a store that fails mid-import', () => {
  it('reports the first failure once, on one line, and what to do', async () => {
    const store = await openStore(':memory:');
    const deps = { store: invalidated(store), config: configSchema.parse({}), log: silentLogger(), clock: () => new Date('2026-05-06T00:00:00Z'), fetch: globalThis.fetch };
    const err = await importPaths(deps, 'incidents', [fixtures], {}).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ShiplogError);
    expect((err as ShiplogError).code).toBe('store_failure');
    const message = (err as Error).message;
    expect(message).toMatch(/^incidents .*failed to pin block.*run it again to resume$/);
    expect(message).not.toMatch(/\n|invalidated|unexpected/);
    await store.close();
  });
});
