// `shiplog demo` stopped by a signal takes its temporary files with it: the large world writes
// gigabytes of reports, and an interrupted run used to leave them behind in TMPDIR.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shiplogChild } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'shiplog-demo-interrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo interrupted', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('removes its temporary folder on %s', async (signal) => {
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    const child = shiplogChild(['--db', join(dir, `${signal}.duckdb`), 'demo', '--no-serve'], { env: { TMPDIR: tmp, SHIPLOG_LOG_LEVEL: 'info' } });
    let out = '';
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const look = (b: Buffer) => {
        out += b.toString();
        // the first source is ingested: the folder exists and holds written files
        if (/stewardship: written/.test(out)) resolve();
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      void closed.then(() => reject(new Error(`demo ended before it was interrupted: ${out}`)));
    });
    expect(readdirSync(tmp).filter((f) => f.startsWith('shiplog-demo-'))).not.toEqual([]);
    child.kill(signal);
    expect(await closed).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(readdirSync(tmp).filter((f) => f.startsWith('shiplog-demo-'))).toEqual([]);
  }, 60_000);
});
