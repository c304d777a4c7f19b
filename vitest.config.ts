// Test runner settings: threads pool (2–10× faster than forks here), UTC clock, generous
// timeouts for the end-to-end tests that spawn the CLI. Tests that run ClickHouse in process
// (chdb, one data directory per process) go in forked processes of their own: files named
// contract.test.ts or *.chdb.test.ts.
import { defineConfig } from 'vitest/config';

const CHDB = ['src/store/contract.test.ts', 'src/**/*.chdb.test.ts', 'test/**/*.chdb.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: [...CHDB, '**/node_modules/**'],
          pool: 'threads',
        },
      },
      { extends: true, test: { name: 'chdb', include: CHDB, pool: 'forks' } },
    ],
  },
});
