// Datasets from hand-made files: a CSV with a row of too many columns, JSON lines with a
// broken line, a Parquet file with a list and a struct; types inferred and reported, bad
// rows in rejects, the file archived, an append that brings a column and a value of the
// wrong type, the same file twice, and a dataset joined with the rest in read-only SQL.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';
import { importDataset, listDatasets, splitJsonLines } from './datasets.ts';

let dir: string;
let store: Store;
const clock = () => new Date('2026-12-07T06:00:00Z');
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-ds-test-'));
  store = await openStore(':memory:');
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const TEAMS = 'repo,team,budget,since\nmediawiki/core,Platform,100,2018-01-02\noperations/mediawiki-config,SRE,250.5,2018-02-03\nmediawiki/extensions/Echo,Growth,30,2018-03-04,extra\n';

describe('import dataset', () => {
  it('creates dataset_<name> from a CSV with inferred types, rejects a bad row and archives the file', async () => {
    const s = await importDataset({ store, clock }, file('teams.csv', TEAMS), 'teams');
    expect(s.columns).toEqual([
      { name: 'repo', type: 'VARCHAR', inferred: 'VARCHAR' }, { name: 'team', type: 'VARCHAR', inferred: 'VARCHAR' },
      { name: 'budget', type: 'DOUBLE', inferred: 'DOUBLE' }, { name: 'since', type: 'DATE', inferred: 'DATE' },
    ]);
    expect([s.created, s.rows_appended, s.rows_total, s.rejected]).toEqual([true, 2, 2, 1]);
    expect(s.rejects).toEqual([{ where: 'line 4', reason: 'Expected Number of Columns: 4 Found: 5' }]);
    expect(await store.all('SELECT repo, budget, since, _row, _raw_id FROM dataset_teams ORDER BY repo')).toEqual([
      { repo: 'mediawiki/core', budget: 100, since: new Date('2018-01-02T00:00:00Z'), _row: 1, _raw_id: s.raw_id },
      { repo: 'operations/mediawiki-config', budget: 250.5, since: new Date('2018-02-03T00:00:00Z'), _row: 2, _raw_id: s.raw_id },
    ]);
    const [raw] = await store.all<{ payload: string; source: string; url: string }>('SELECT payload, source, url FROM raw_records WHERE raw_id = $1', [s.raw_id]);
    expect(raw).toEqual({ payload: TEAMS, source: 'dataset', url: 'teams.csv' });
    expect(await store.all("SELECT location, reason FROM rejects WHERE source = 'dataset'")).toEqual([{ location: 'teams.csv:line 4', reason: 'Expected Number of Columns: 4 Found: 5' }]);
    const [reg] = await listDatasets(store);
    expect(reg).toMatchObject({ name: 'teams', table_name: 'dataset_teams', row_count: 2, files: 1, rejected: 1, format: 'csv', last_file: 'teams.csv' });
    expect(reg.columns.map((c) => `${c.name} ${c.type}`)).toEqual(['repo VARCHAR', 'team VARCHAR', 'budget DOUBLE', 'since DATE']);
  });

  it('appends: a new column is added, a value of the wrong type rejects its row, the same file twice is appended once', async () => {
    await importDataset({ store, clock }, file('teams.csv', TEAMS), 'teams');
    const more = file('more.csv', 'repo,team,budget,since,lead\nmediawiki/skins/Vector,Web,lots,2018-04-05,Ann\nmediawiki/extensions/Cite,Editing,12,2018-05-06,Bo\n');
    const s = await importDataset({ store, clock }, more, 'teams');
    expect([s.created, s.added_columns, s.rows_appended, s.rows_total]).toEqual([false, ['lead'], 1, 3]);
    expect(s.rejects).toEqual([{ where: 'row 1', reason: 'budget: lots is not DOUBLE' }]);
    expect(await store.all('SELECT _row, repo, lead FROM dataset_teams ORDER BY _row')).toEqual([
      { _row: 1, repo: 'mediawiki/core', lead: null }, { _row: 2, repo: 'operations/mediawiki-config', lead: null }, { _row: 3, repo: 'mediawiki/extensions/Cite', lead: 'Bo' },
    ]);
    const again = await importDataset({ store, clock }, more, 'teams');
    expect([again.already_imported, again.rows_appended, again.rows_total]).toEqual([true, 0, 3]);
    expect((await listDatasets(store))[0]).toMatchObject({ files: 2, rejected: 2, row_count: 3 });
  });

  it('reads JSON lines, rejecting lines that are not JSON objects with their line numbers', async () => {
    const s = await importDataset({ store, clock }, file('stars.jsonl', '{"repo":"mediawiki/core","stars":5,"tags":["a","b"]}\nnot json\n[1]\n{"repo":"x","stars":7}\n'), 'stars');
    expect(s.columns).toEqual([{ name: 'repo', type: 'VARCHAR', inferred: 'VARCHAR' }, { name: 'stars', type: 'BIGINT', inferred: 'BIGINT' }, { name: 'tags', type: 'VARCHAR', inferred: 'VARCHAR[]' }]);
    expect(s.rejects.map((r) => r.where)).toEqual(['line 2', 'line 3']);
    expect(await store.all('SELECT repo, stars, tags FROM dataset_stars ORDER BY repo')).toEqual([{ repo: 'mediawiki/core', stars: 5, tags: '["a","b"]' }, { repo: 'x', stars: 7, tags: null }]);
    expect(splitJsonLines('{"a":1}\n\n3\n').rejects).toEqual([{ where: 'line 3', reason: 'not a JSON object' }]);
  });

  it('reads Parquet (archived as base64), nested values as JSON text', async () => {
    const path = join(dir, 'owners.parquet');
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    await c.run(`COPY (SELECT 'mediawiki/core' AS repo, 3::INTEGER AS n, TIMESTAMP '2018-03-04 05:06:07' AS at, {'a': 1} AS s) TO '${path}' (FORMAT parquet)`);
    c.closeSync();
    inst.closeSync();
    const s = await importDataset({ store, clock }, path, 'owners');
    expect(s.columns.map((x) => `${x.name} ${x.type} (${x.inferred})`)).toEqual(['repo VARCHAR (VARCHAR)', 'n BIGINT (INTEGER)', 'at TIMESTAMP (TIMESTAMP)', 's VARCHAR (STRUCT(a INTEGER))']);
    expect(await store.all('SELECT n, "at", s FROM dataset_owners')).toEqual([{ n: 3, at: new Date('2018-03-04T05:06:07Z'), s: '{"a":1}' }]);
    expect(s.raw_id).toMatch(/^dataset:file-base64:owners\//);
  });

  it('is joinable with the rest in read-only SQL', async () => {
    await importDataset({ store, clock }, file('teams.csv', TEAMS), 'teams');
    await store.write('commits', [{ commit_key: 'commit:mediawiki/core:a', repo: 'mediawiki/core', sha: 'a', committed_at: new Date('2018-01-05T00:00:00Z') }]);
    const r = await store.readOnlyQuery('SELECT t.team, count(c.sha) AS commits FROM dataset_teams t LEFT JOIN commits c ON c.repo = t.repo GROUP BY t.team ORDER BY t.team', { limit: 10, timeoutMs: 10_000 });
    expect(r.rows).toEqual([{ team: 'Platform', commits: 1 }, { team: 'SRE', commits: 0 }]);
  });

  it('refuses a bad name, an unknown format and a file its reader cannot read, in one line', async () => {
    await expect(importDataset({ store, clock }, file('a.csv', 'x\n1\n'), 'Bad-Name')).rejects.toThrow(/--name "Bad-Name": lower-case letters/);
    await expect(importDataset({ store, clock }, file('a.xlsx', 'x'), 'a')).rejects.toThrow('a.xlsx: a dataset is a .csv, .jsonl (JSON lines) or .parquet file');
    await expect(importDataset({ store, clock }, file('b.parquet', 'not parquet'), 'b')).rejects.toThrow(/parquet reader: /);
  });
});
