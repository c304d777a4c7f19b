// Docs are tested: every source, metric, CLI command and config key has documentation.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildProgram } from '../src/cli/main.ts';
import { configSchema } from '../src/config/schema.ts';
import { METRICS } from '../src/metrics/registry.ts';
import { SOURCES } from '../src/sources/registry.ts';
import { ROOT } from './helpers/cli.ts';

const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

describe('documentation', () => {
  it.each(SOURCES.map((s) => s.name))('source %s has docs/sources/<name>.md', (name) => {
    expect(existsSync(join(ROOT, 'docs', 'sources', `${name}.md`))).toBe(true);
  });

  it.each(METRICS.map((m) => m.id))('metric %s has docs/metrics/<id>.md', (id) => {
    expect(existsSync(join(ROOT, 'docs', 'metrics', `${id}.md`))).toBe(true);
  });

  it('documents every CLI command in docs/cli.md', () => {
    const cli = read('docs/cli.md');
    const program = buildProgram({
      stdout: () => undefined, stderr: () => undefined, isTTY: false, stdinIsTTY: false, env: {}, cwd: ROOT,
      fetch: globalThis.fetch, clock: () => new Date(),
    });
    for (const c of program.commands) expect(cli, `docs/cli.md lacks "## ${c.name()}"`).toMatch(new RegExp(`^## ${c.name()}\\b`, 'm'));
  });

  it('documents every top-level config key and server/sql/schedule key in docs/config.md', () => {
    const doc = read('docs/config.md');
    const section = (name: 'server' | 'sql') => Object.keys((configSchema.shape[name].unwrap() as z.ZodObject).shape).map((k) => `${name}.${k}`);
    const keys = ['db', ...section('server'), ...section('sql')];
    expect(keys).toContain('sql.max_concurrent');
    expect(keys).toContain('sql.max_row_limit');
    for (const key of [...keys, 'schedule.<source>.interval', 'schedule.<source>.jitter', 'schedule.<source>.retry',
      'schedule.<source>.warn_after', 'schedule.<source>.error_after', 'schedule.<source>.enabled']) {
      expect(doc, key).toContain(`\`${key}\``);
    }
  });

  it('has docs/security.md (the threat model), linked from the README, citing tests that exist', () => {
    const doc = read('docs/security.md');
    expect(read('README.md')).toContain('(docs/security.md)');
    for (const h of ['## Who may read', '## Who may write', '## What read-only SQL can never do', '## Exposing the server beyond loopback']) expect(doc).toContain(h);
    const cited = [...doc.matchAll(/\[((?:src|test)\/[^\]\s;,]+\.test\.ts)\]/g)].map((m) => m[1]);
    expect(cited.length).toBeGreaterThan(8);
    for (const f of cited) expect(existsSync(join(ROOT, f)), f).toBe(true);
  });

  it('has a Quick start with exactly two commands, the second of which .ci/run runs', () => {
    const readme = read('README.md');
    const block = /## Quick start\n+```\w*\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = block.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
    expect(commands).toHaveLength(2);
    expect(read('.ci/run')).toContain(commands[1].trim());
  });
});
