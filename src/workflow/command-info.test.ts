import { describe, expect, it } from 'vitest';
import { parseChangeList, parseTaskList, readCommand, sawTestservers } from './command-info.ts';

describe('readCommand', () => {
  it('takes the change numbers given to scap backport (numbers and URLs)', () => {
    expect(readCommand(['scap', 'backport', '1101577', 'https://gerrit.wikimedia.org/r/c/mediawiki/core/+/1100200'])).toEqual({
      kind: 'backport', message: null, changes: [1101577, 1100200], tasks: [],
    });
  });

  it('reads [[gerrit:N]] and (T123) in a sync-file message', () => {
    const info = readCommand(['scap', 'sync-file', 'wmf-config/InitialiseSettings.php', 'SWAT: [[gerrit:416123|Enable FileExporter on testwiki (T189000)]]']);
    expect(info).toEqual({
      kind: 'sync-file', message: 'SWAT: [[gerrit:416123|Enable FileExporter on testwiki (T189000)]]', changes: [416123], tasks: ['T189000'],
    });
    expect(readCommand(['scap', 'sync-world', 'SWAT: Fix upload (T12345)'])).toMatchObject({ kind: 'sync-world', changes: [], tasks: ['T12345'] });
  });

  it('knows the other scap commands and does not take paths for tasks', () => {
    expect(readCommand(['scap', 'deploy-promote', 'group1', '1.45.0-wmf.21']).kind).toBe('train-promote');
    expect(readCommand(['scap', 'deploy', 'update airflow']).kind).toBe('scap3-deploy');
    expect(readCommand(['scap', 'sync-file', 'php-1.45.0-wmf.2/T1234/x.php', 'msg']).tasks).toEqual([]);
  });

  it('parses flag values strictly', () => {
    expect(parseChangeList('123, 456')).toEqual([123, 456]);
    expect(parseChangeList('')).toEqual([]);
    expect(parseChangeList('abc')).toBeNull();
    expect(parseTaskList('T1,22')).toEqual(['T1', 'T22']);
    expect(parseTaskList('bug')).toBeNull();
  });

  it('sees the testserver pause in scap output (all three wordings)', () => {
    expect(sawTestservers('samtar: Backport for [[gerrit:1|x]] synced to the testservers (see https://wikitech.wikimedia.org/wiki/Mwdebug). Changes can now be verified there.')).toBe(true);
    expect(sawTestservers('u: msg synced to the testservers: mwdebug1001.eqiad.wmnet')).toBe(true);
    expect(sawTestservers('Finished scap sync-world')).toBe(false);
  });
});
