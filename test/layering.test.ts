// The layering of src/, checked over the import graph of every non-test file: a folder may
// import only folders of a lower layer (or itself), and the named rules of the design hold —
// sources never import the store, metrics never import sources, rollups never import
// metrics, workflow never imports the CLI. Test support beside the code (the store's
// contract datasets, *.fixture.ts, test-world.ts) may reach up to build its worlds.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** Lower layers first; a folder may import its own layer's folders only when listed in SAME. */
export const LAYERS: string[][] = [
  ['lib'],
  ['model'],
  ['store'],
  ['sources', 'link'],
  ['people', 'rollups', 'config'],
  ['derive'],
  ['metrics'],
  ['sync'],
  ['schedule', 'workflow'],
  ['api', 'demo'],
  ['cli'],
];
const WEB = 'web'; // the browser app: model types only

const FORBIDDEN: [string, string, string][] = [
  ['sources', 'store', 'sources never import the store'],
  ['metrics', 'sources', 'metrics never import sources'],
  ['rollups', 'metrics', 'rollups never import metrics'],
  ['workflow', 'cli', 'workflow never imports the CLI'],
];

const isSupport = (file: string) => /\/contract\/|\.fixture\.ts$|test-world\.ts$/.test(file);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'node_modules' ? [] : files(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

export function importsOf(source: string): string[] {
  return [...source.matchAll(/(?:import|export)\s+(?:type\s+)?[^'";]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)].map((m) => m[1] ?? m[2]);
}

const layerOf = (folder: string) => LAYERS.findIndex((l) => l.includes(folder));

/** Every cross-folder import that breaks a rule: "file → target (why)". */
export function violations(edges: { file: string; from: string; to: string }[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    if (e.from === e.to) continue;
    const rule = FORBIDDEN.find(([a, b]) => a === e.from && b === e.to);
    if (rule) out.push(`${e.file} → ${e.to} (${rule[2]})`);
    else if (e.from === WEB ? e.to !== 'model' : layerOf(e.to) >= layerOf(e.from) || layerOf(e.from) < 0) {
      out.push(`${e.file} → ${e.to} (upward or sideways: ${e.from} may import only lower layers)`);
    }
  }
  return out;
}

function edges() {
  return files(SRC).filter((f) => !isSupport(f)).flatMap((file) => {
    const from = relative(SRC, file).split('/')[0];
    return importsOf(readFileSync(file, 'utf8')).map((spec) => ({
      file: relative(SRC, file), from, to: relative(SRC, resolve(dirname(file), spec)).split('/')[0],
    })).filter((e) => !e.to.startsWith('..'));
  });
}

describe('layering', () => {
  it('holds over the import graph of src/', () => {
    expect(violations(edges())).toEqual([]);
  });

  it('fails on an upward import and on each named rule', () => {
    expect(violations([
      { file: 'store/x.ts', from: 'store', to: 'api' },
      { file: 'sources/x.ts', from: 'sources', to: 'store' },
      { file: 'rollups/x.ts', from: 'rollups', to: 'metrics' },
      { file: 'metrics/x.ts', from: 'metrics', to: 'sources' },
      { file: 'workflow/x.ts', from: 'workflow', to: 'cli' },
      { file: 'web/x.ts', from: 'web', to: 'store' },
      { file: 'sync/x.ts', from: 'sync', to: 'store' },
    ])).toEqual([
      'store/x.ts → api (upward or sideways: store may import only lower layers)',
      'sources/x.ts → store (sources never import the store)',
      'rollups/x.ts → metrics (rollups never import metrics)',
      'metrics/x.ts → sources (metrics never import sources)',
      'workflow/x.ts → cli (workflow never imports the CLI)',
      'web/x.ts → store (upward or sideways: web may import only lower layers)',
    ]);
    expect(importsOf("import type { A } from '../store/index.ts';\nconst m = await import('../cli/remote.ts');")).toEqual(['../store/index.ts', '../cli/remote.ts']);
  });
});
