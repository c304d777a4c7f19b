// `npm run bench [-- name…]`: runs the benchmark suites (all, or the named ones), prints
// their figures and writes them to bench/out/results.json and bench/out/<suite>.json. Figures are ratios against a
// baseline measured in the same run where a baseline exists: the machines are shared.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUITES } from './suites.ts';

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = names.length ? names : Object.keys(SUITES);
const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version, load: loadavg() };
const out = join(dirname(fileURLToPath(import.meta.url)), 'out');
mkdirSync(out, { recursive: true });
for (const name of chosen) {
  const load = (SUITES as Record<string, () => Promise<{ run: () => Promise<Record<string, unknown>> }>>)[name];
  if (!load) {
    console.error(`unknown bench "${name}" (known: ${Object.keys(SUITES).join(', ')})`);
    process.exit(2);
  }
  try {
    results[name] = await (await load()).run();
    // each suite's own file too, so running one suite does not lose another's last figures
    writeFileSync(join(out, `${name}.json`), JSON.stringify({ at: results.at, node: process.version, load: loadavg(), figures: results[name] }, null, 2));
  } catch (err) {
    console.error(`bench ${name} failed: ${(err as Error).message}`);
    results[name] = { error: (err as Error).message };
    process.exitCode = 1;
  }
}
writeFileSync(join(out, 'results.json'), JSON.stringify(results, null, 2));
console.log(`\nfigures written to bench/out/results.json`);
