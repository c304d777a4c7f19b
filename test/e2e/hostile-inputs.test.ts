// Importers reject wrong-typed input item by item instead of crashing: zuul pipelines with a
// number for a name and a string for a list, Phabricator `data` holding null, numbers and
// strings, Jenkins `allBuilds` holding null, a truncated SAL Atom entry. Each import exits 0,
// prints no stack trace, keeps the good items of the same file and names where the bad ones are.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiplogInProcess } from '../helpers/cli.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const file = join(dir, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

async function run(args: string[], db: string) {
  const r = await shiplogInProcess(['--db', db, ...args], { cwd: dir });
  expect(r.stderr).not.toMatch(/TypeError|\n\s+at /);
  return r;
}

async function rows(db: string, sql: string): Promise<Record<string, unknown>[]> {
  const r = await run(['sql', sql, '--format', 'json'], db);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('wrong-typed input is a reject, the rest is kept', () => {
  it('zuul', async () => {
    const db = join(dir, 'zuul.duckdb');
    const file = write('zuul/status.json', JSON.stringify({
      pipelines: [
        { name: 5, change_queues: 'nope' }, null, 3,
        { name: 'gate', change_queues: [{ name: 'q', heads: [[{ id: '123,1', enqueue_time: 1_700_000_000_000, jobs: [] }, null]] }, 'x'] },
      ],
    }));
    const r = await run(['import', 'zuul', file], db);
    expect(r.code, r.stderr).toBe(0);
    expect(await rows(db, 'SELECT pipeline, item_id FROM zuul_queue_items')).toEqual([{ pipeline: 'gate', item_id: '123,1' }]);
    const rejects = (await rows(db, 'SELECT location, reason FROM rejects ORDER BY location')).map((x) => `${x.location} | ${x.reason}`);
    expect(rejects.join('\n')).toMatch(/pipelines\[0\] \| .*pipelines\[0\]\.name: .*expected string, received number/i);
    expect(rejects.join('\n')).toMatch(/pipelines\[1\] \|.*received null/i);
    expect(rejects.join('\n')).toMatch(/gate\.change_queues\[1\] \|/);
    expect(rejects.join('\n')).toMatch(/gate\.change_queues\[0\]\.heads\[0\]\[1\] \|/);
  });

  it('phabricator', async () => {
    const db = join(dir, 'phab.duckdb');
    const good = { id: 7, type: 'TASK', phid: 'PHID-TASK-7', fields: { name: 'Kept', policy: { view: 'public' }, dateModified: 1_700_000_000, status: { value: 'open' } } };
    write('phab/page.json', JSON.stringify({ result: { data: [5, null, 'x', good], cursor: { after: null } } }));
    write('phab/transaction.search.T7.json', JSON.stringify({ result: { data: [null, 3, { id: 1, type: 'status', objectPHID: 'PHID-TASK-7', dateCreated: 1_700_000_001, fields: { old: 'open', new: 'resolved' } }] } }));
    write('phab/user.query.json', JSON.stringify({ result: [null, 'x', { phid: 'PHID-USER-1', userName: 'u' }] }));
    const r = await run(['import', 'phabricator', join(dir, 'phab')], db);
    expect(r.code, r.stderr).toBe(0);
    expect(await rows(db, 'SELECT task_id, title FROM tasks')).toEqual([{ task_id: 'T7', title: 'Kept' }]);
    expect(await rows(db, 'SELECT kind, new_value FROM task_events')).toEqual([{ kind: 'status', new_value: 'resolved' }]);
    const rejects = (await rows(db, 'SELECT location, reason FROM rejects ORDER BY location')).map((x) => `${x.location} | ${x.reason}`).join('\n');
    expect(rejects).toMatch(/page\.json data\[0\] \|/);
    expect(rejects).toMatch(/page\.json data\[1\] \|/);
    expect(rejects).toMatch(/transaction\.search\.T7\.json data\[0\] \| not a transaction/);
  });

  it('jenkins', async () => {
    const db = join(dir, 'jenkins.duckdb');
    const root = 'http://recorded.jenkins.invalid/ci';
    write('jenkins/api.json', JSON.stringify({ jobs: [{ name: 'good' }, null, { name: 5 }] }));
    write('jenkins/job/good/api.json', JSON.stringify({
      allBuilds: [null, {
        number: 2, url: `${root}/job/good/2/`, result: 'SUCCESS', duration: 1000, timestamp: 1_700_000_000_000,
        actions: [null, 4, { parameters: [null, { name: 'ZUUL_CHANGE', value: '123' }] }],
      }, 5, 'x'],
    }));
    write('jenkins/job/good/2/testReport/api.json', JSON.stringify({ suites: [null, { name: 's', cases: [null, { name: 't1', className: 'C', status: 'PASSED', duration: 0.1 }, { name: 5 }] }] }));
    const r = await run(['import', 'jenkins', join(dir, 'jenkins')], db);
    expect(r.code, r.stderr).toBe(0);
    expect(await rows(db, 'SELECT build_number, change_key FROM ci_builds')).toEqual([{ build_number: 2, change_key: 'change:gerrit.wikimedia.org:123' }]);
    expect(await rows(db, 'SELECT name FROM test_results')).toEqual([{ name: 't1' }]);
    const rejects = (await rows(db, 'SELECT location, reason FROM rejects ORDER BY location')).map((x) => `${x.location} | ${x.reason}`).join('\n');
    expect(rejects).toMatch(/jobs\[1\] \| not a Jenkins job/);
    expect(rejects).toMatch(/allBuilds \(from 0\)\[0\] \| not a Jenkins build/);
    expect(rejects).toMatch(/suite 0 \| not a test report suite/);
    expect(rejects).toMatch(/suite 1 cases\[2\] \| not a test case: cases\[2\]\.name/);
  });

  it('a truncated SAL Atom entry', async () => {
    const db = join(dir, 'sal.duckdb');
    const fixture = readFileSync(new URL('../../src/sources/sal/fixtures/sal-production.atom', import.meta.url), 'utf8');
    const cut = fixture.slice(0, fixture.indexOf('</entry>', fixture.indexOf('</entry>') + 1) - 40); // inside the second entry
    const file = write('sal/cut.atom', cut);
    const r = await run(['import', 'sal', file], db);
    expect(r.code, r.stderr).toBe(0);
    expect(await rows(db, 'SELECT count(*) AS n FROM log_entries')).toEqual([{ n: 1 }]);
    const [reject] = await rows(db, 'SELECT location, reason FROM rejects');
    expect(reject.reason).toMatch(/Atom entry is not closed \(no <\/entry>/);
    expect(String(reject.location)).toContain('cut.atom');
  });
});
