// Imported text cannot drive the terminal: a SAL message with an OSC title sequence
// (ESC]0;…BEL) and colour codes reaches `shiplog sql` as visible escapes in tables, in CSV
// written to a terminal and in JSON; CSV to a pipe keeps the bytes as stored. Tables fit
// the width they are given: widest columns cut first with an ellipsis, the rightmost
// dropped (and named) when even narrow columns do not fit; --wide is unlimited.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiplogInProcess } from '../../test/helpers/cli.ts';
import { escapeControls, fitWidths, toCsv, toJson, toTable } from './format.ts';
import { runCli } from './main.ts';

const HOSTILE = '\u001b]0;pwned\u0007\u001b[31mred\u001b[0m \u009b2J \u202eevil';
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

describe('escapeControls', () => {
  it('shows C0, C1 and bidi controls as text and leaves the rest alone', () => {
    expect(escapeControls(HOSTILE)).toBe('\\x1b]0;pwned\\x07\\x1b[31mred\\x1b[0m \\x9b2J \\u{202e}evil');
    expect(escapeControls('plain é ü 漢字 — ok')).toBe('plain é ü 漢字 — ok');
  });

  it('is applied by every human and terminal format', () => {
    const rows = [{ m: HOSTILE }];
    expect(toTable(['m'], rows)).not.toMatch(RAW);
    expect(toCsv(['m'], rows, { terminal: true })).not.toMatch(RAW);
    expect(toCsv(['m'], rows)).toContain('\u001b]0;pwned\u0007');
    expect(toJson(rows)).not.toMatch(RAW);
    expect(JSON.parse(toJson(rows))).toEqual(rows);
  });
});

describe('shiplog sql over an imported SAL message with terminal escapes', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shiplog-escapes-'));
    db = join(dir, 's.duckdb');
    const doc = { message: `reedy Synchronized wmf-config/x.php: ${HOSTILE}`, '@timestamp': '2022-06-01T13:02:11Z', type: 'sal', nick: 'logmsgbot', project: 'production' };
    writeFileSync(join(dir, 'sal.ndjson'), `${JSON.stringify(doc)}\n`);
    const imp = await shiplogInProcess(['--db', db, 'import', 'sal', join(dir, 'sal.ndjson')], { cwd: dir });
    expect(imp.code, imp.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const query = "SELECT message FROM log_entries WHERE message LIKE '%pwned%'";

  it('prints tables and JSON with the escapes visible', async () => {
    const table = await shiplogInProcess(['--db', db, 'sql', query], { cwd: dir });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('\\x1b]0;pwned\\x07');
    expect(table.stdout).not.toMatch(RAW);
    const json = await shiplogInProcess(['--db', db, 'sql', query, '--format', 'json'], { cwd: dir });
    expect(json.stdout).not.toMatch(RAW);
    expect(JSON.parse(json.stdout)[0].message).toContain(HOSTILE);
  });

  it('escapes CSV on a terminal and keeps it byte for byte in a pipe', async () => {
    const run = async (stdoutIsTTY: boolean) => {
      let out = '';
      await runCli(['--db', db, 'sql', query, '--format', 'csv'], {
        stdout: (t) => (out += t), stderr: () => undefined, isTTY: false, stdinIsTTY: false, stdoutIsTTY,
        env: { SHIPLOG_LOG_LEVEL: 'silent' }, cwd: dir, fetch, clock: () => new Date(),
      });
      return out;
    };
    expect(await run(true)).not.toMatch(RAW);
    expect(await run(false)).toContain(HOSTILE);
  });
});

const rows = [
  { key: 'change:gerrit.wikimedia.org:907238', subject: 'Add the new backport window to the deployment calendar for all wikis', owner: 'urbanecm', n: 3 },
  { key: 'change:gerrit.wikimedia.org:1', subject: 'Fix', owner: 'x', n: 12 },
];
const cols = ['key', 'subject', 'owner', 'n'];
const widest = (t: string) => Math.max(...t.split('\n').map((l) => [...l].length));

describe('toTable', () => {
  it('prints everything in full without a width', () => {
    const t = toTable(cols, rows);
    expect(t).toContain(rows[0].subject);
    expect(widest(t)).toBe(rows[0].key.length + 2 + rows[0].subject.length + 2 + 'urbanecm'.length + 2 + '12'.length);
  });

  it.each([80, 60, 40])('fits %i columns, cutting the widest cells with an ellipsis', (width) => {
    const t = toTable(cols, rows, { width });
    expect(widest(t)).toBeLessThanOrEqual(width);
    expect(t).toContain('…');
    expect(t.split('\n')[0]).toMatch(/^key\s+subject\s+owner\s+n$/);
    expect(t).toContain('urbanecm'); // narrow columns are not cut
  });

  it('leaves out the rightmost columns, naming them, when even narrow ones do not fit', () => {
    const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`column_${i}`, `value number ${i}`]));
    const t = toTable(Object.keys(many), [many], { width: 80 });
    expect(widest(t)).toBeLessThanOrEqual(80);
    const note = t.split('\n').at(-1)!;
    expect(note).toMatch(/^\(\d+ more columns, --wide or --format csv shows them: column_\d+, column_/);
  });

  it('cuts cells at cellMax when there is no terminal', () => {
    const t = toTable(cols, rows, { cellMax: 20 });
    expect(t).toContain('Add the new backpor…');
  });
});

describe('fitWidths', () => {
  it('keeps widths that fit, caps the widest otherwise, and gives up below the minimum', () => {
    expect(fitWidths([5, 10, 3], 30)).toEqual([5, 10, 3]);
    expect(fitWidths([5, 40, 30], 40)).toEqual([5, 15, 15]);
    expect(fitWidths([20, 20, 20], 10)).toBeNull();
  });
});
