// Every benchmark suite, one line each: `npm run bench -- <name>` runs one.
export const SUITES = {
  'git-import': () => import('./git-import.ts'),
  sal: () => import('./sal.ts'),
  'api-latency': () => import('./api-latency.ts'),
  'mediawiki-config': () => import('./mediawiki-config.ts'),
  'gerrit-notedb': () => import('./gerrit-notedb.ts'),
  junit: () => import('./junit.ts'),
  'test-health': () => import('./test-health.ts'),
  'flat-cost': () => import('./flat-cost.ts'),
  demo: () => import('./demo.ts'),
  startup: () => import('./startup.ts'),
  'wikimedia-year': () => import('./wikimedia-year.ts'),
  extensions: () => import('./extensions.ts'),
};
