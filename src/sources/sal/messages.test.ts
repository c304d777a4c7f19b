// One test per SAL message form of FORMATS.md §1.2, with lines in the real wording
// (verbatim from samples/sal-real.txt where a real line exists, otherwise built from the
// scap format strings cited in FORMATS.md), plus a fuzz test: parseMessage never throws.
import { describe, expect, it } from 'vitest';
import { parseMessage, parseScapDuration, parseTrainMessage } from './messages.ts';
import { changeRefs, gerritItems, taskRefs } from './refs.ts';

const kindOf = (m: string) => parseMessage(m).kind;

describe('parseMessage: scap forms', () => {
  it('sync-file since 2014-05, with a duration whose minutes pass 59', () => {
    const p = parseMessage('Synchronized wmf-config/InitialiseSettings.php: SWAT: [[gerrit:398001|Enable Foo on testwiki (T181315)]] (duration: 75m 03s)');
    expect(p.kind).toBe('sync-file');
    expect(p.fields).toMatchObject({ path: 'wmf-config/InitialiseSettings.php', durationS: 75 * 60 + 3 });
    expect(p.fields.msg).toBe('SWAT: [[gerrit:398001|Enable Foo on testwiki (T181315)]]');
    expect(p.changes).toEqual([{ number: 398001, subject: 'Enable Foo on testwiki', tasks: ['T181315'] }]);
    expect(p.tasks).toEqual(['T181315']);
  });

  it('sync-file of a branch path carries the version', () => {
    const p = parseMessage('Synchronized php-1.31.0-wmf.30/includes/Foo.php: Fix fatal (duration: 00m 58s)');
    expect(p.fields).toMatchObject({ path: 'php-1.31.0-wmf.30/includes/Foo.php', version: '1.31.0-wmf.30', durationS: 58 });
  });

  it('pre-2014 lowercase sync-common-file, verbatim from Archive 17 (2010)', () => {
    const p = parseMessage("synchronized php-1.5/wmf-config/InitialiseSettings.php 'Enable UploadWizard on commonswiki'");
    expect(p.kind).toBe('sync-file-legacy');
    expect(p.fields).toEqual({ path: 'php-1.5/wmf-config/InitialiseSettings.php', msg: 'Enable UploadWizard on commonswiki' });
    expect(parseMessage('synchronized database lists files: add foowiki').fields).toEqual({ path: 'database lists files', msg: 'add foowiki' });
    expect(parseMessage('synchronized docroot and w').fields).toEqual({ path: 'docroot and w', msg: '' });
  });

  it('Started/Finished scap (2014 → 2024) and scap sync-world (2024 →), and the shell era', () => {
    expect(parseMessage('Started scap: Backport for [[gerrit:1|x]]')).toMatchObject({ kind: 'sync-start', fields: { prog: 'sync-world', msg: 'Backport for [[gerrit:1|x]]' } });
    expect(parseMessage('Started scap sync-world: testwikis to 1.45.0-wmf.21  refs T395720').fields)
      .toEqual({ prog: 'sync-world', msg: 'testwikis to 1.45.0-wmf.21  refs T395720', group: 'testwikis', version: '1.45.0-wmf.21' });
    const fin = parseMessage("Finished scap sync-world: Backport for [[gerrit:1101577|Add Atieno's public key]] (duration: 08m 47s)");
    expect(fin).toMatchObject({ kind: 'sync-finish', fields: { msg: "Backport for [[gerrit:1101577|Add Atieno's public key]]", durationS: 527 } });
    expect(parseMessage('Finished scap: l10n update (duration: 102m 11s)').fields.durationS).toBe(6131);
    expect(parseMessage('started scap: Rebuild l10n').kind).toBe('sync-start');
    expect(parseMessage('finished scap: Rebuild l10n (duration: 41m 02s)').kind).toBe('sync-finish');
    expect(parseMessage('started scap').fields).toEqual({ prog: 'sync-world', msg: '' });
  });

  it('lock-and-announce commands: php-fpm-restart, build-images', () => {
    expect(parseMessage('Started scap php-fpm-restart: restart for opcache').fields).toEqual({ prog: 'php-fpm-restart', msg: 'restart for opcache' });
    expect(parseMessage('Finished scap build-images: rebuild (duration: 03m 10s)')).toMatchObject({ kind: 'scap-cmd-finish', fields: { prog: 'build-images', durationS: 190 } });
  });

  it('sync-wikiversions, current and the 2014 cdb wording, with train messages', () => {
    const p = parseMessage('rebuilt and synchronized wikiversions files: group1 to 1.45.0-wmf.21  refs T395720');
    expect(p).toMatchObject({ kind: 'sync-wikiversions', fields: { group: 'group1', version: '1.45.0-wmf.21' }, tasks: ['T395720'] });
    const old = parseMessage('rebuilt wikiversions.cdb and synchronized wikiversions files: group0 wikis to 1.23wmf15');
    expect(old).toMatchObject({ kind: 'sync-wikiversions', fields: { group: 'group0', version: '1.23wmf15' } });
    expect(parseMessage('rebuilt and synchronized wikiversions files: group2 wikis to 1.43.0-wmf.12  refs T366950').fields.group).toBe('group2');
  });

  it('train message through sync-file of php (manage_mediawiki_php_symlink)', () => {
    expect(parseMessage('Synchronized php: group1 to 1.45.0-wmf.21  refs T395720 (duration: 01m 05s)').fields)
      .toMatchObject({ path: 'php', group: 'group1', version: '1.45.0-wmf.21', durationS: 65 });
    expect(parseTrainMessage('group0 wikis to 1.35.0-wmf.8')).toEqual({ group: 'group0', version: '1.35.0-wmf.8', task: null });
    expect(parseTrainMessage('Fix a thing')).toBeNull();
  });

  it('Backport for several changes, subjects with tasks and brackets', () => {
    const msg = 'Started scap sync-world: Backport for [[gerrit:1101577|Add Atieno\'s public key (T381234 T381235)]], [[gerrit:1101600|Revert "Use [[Foo]] in bar"]]';
    const p = parseMessage(msg);
    expect(p.changes).toEqual([
      { number: 1101577, subject: "Add Atieno's public key", tasks: ['T381234', 'T381235'] },
      { number: 1101600, subject: 'Revert "Use [[Foo]] in bar"', tasks: [] },
    ]);
    expect(p.tasks).toEqual(['T381234', 'T381235']);
    expect(gerritItems('Backport for [[gerrit:42|testwikis to 1.44.0-wmf.8 (T123123)]]'))
      .toEqual([{ number: 42, subject: 'testwikis to 1.44.0-wmf.8', tasks: ['T123123'] }]);
  });

  it('the testserver pause in its three wordings, and the decision', () => {
    const now = parseMessage('samtar, urbanecm: Backport for [[gerrit:1101577|Add key]] synced to the testservers (see https://wikitech.wikimedia.org/wiki/Mwdebug). Changes can now be verified there.');
    expect(now).toMatchObject({ kind: 'testservers', fields: { users: ['samtar', 'urbanecm'], msg: 'Backport for [[gerrit:1101577|Add key]]' } });
    expect(parseMessage('samtar: Backport for [[gerrit:1|x]] synced to the testservers (https://wikitech.wikimedia.org/wiki/Mwdebug)').kind).toBe('testservers');
    expect(parseMessage('samtar: Backport for [[gerrit:1|x]] synced to the testservers: mwdebug1001.eqiad.wmnet, mwdebug2001.codfw.wmnet').fields.hosts)
      .toBe('mwdebug1001.eqiad.wmnet, mwdebug2001.codfw.wmnet');
    expect(parseMessage('urbanecm, samtar: Continuing with deployment').fields).toEqual({ users: ['urbanecm', 'samtar'], decision: 'continue' });
    expect(parseMessage('samtar: Rolling back deployment').fields.decision).toBe('rollback');
    expect(kindOf('Scap cancelled without rolling back.')).toBe('cancelled');
  });

  it('scap3 deploy, verbatim from the ES sal index (2024), env, setup, and the pre-2016 wording', () => {
    const p = parseMessage('Finished deploy [airflow-dags/analytics@8b8a456]: Fix monthly job [airflow-dags/analytics@8b8a4567] (duration: 00m 31s)');
    expect(p).toMatchObject({ kind: 'scap3-finish', fields: { prog: 'deploy', repo: 'airflow-dags/analytics', sha: '8b8a456', msg: 'Fix monthly job [airflow-dags/analytics@8b8a4567]', durationS: 31 } });
    expect(parseMessage('Started deploy [restbase/deploy@1a2b3c4] (codfw): Update config').fields).toMatchObject({ env: 'codfw', msg: 'Update config' });
    expect(parseMessage('Started setup [ores/deploy@UNKNOWN]: scap deploy --init mode').fields.prog).toBe('setup');
    expect(parseMessage('Starting deploy [parsoid/deploy@0123abc]: Updating Parsoid').kind).toBe('scap3-start');
  });

  it('failures in each era, canary failures, and aborts', () => {
    expect(parseMessage('sync-world failed: <CalledProcessError> Command \'x\' returned non-zero exit status 1. (scap version: 4.150.0) (duration: 12m 03s)').fields)
      .toMatchObject({ prog: 'sync-world', exception: 'CalledProcessError', scapVersion: '4.150.0', durationS: 723 });
    expect(parseMessage('scap failed: RuntimeError 1 test canaries had check failures (duration: 04m 11s)').fields)
      .toMatchObject({ prog: 'scap', exception: 'RuntimeError', durationS: 251 });
    expect(kindOf('Scap failed!: 3/10 canaries failed their endpoint checks(http://x)')).toBe('failed');
    expect(kindOf('scap failed: average error rate on 5/11 canaries increased by 10x (rerun with --force to override this check, see https://logstash.wikimedia.org/goto/db09a36be5ed3e81155041f7d46ad040 for details)')).toBe('failed');
    expect(parseMessage('sync-file aborted: Fix thing (duration: 00m 09s)').fields).toEqual({ prog: 'sync-file', msg: 'Fix thing', durationS: 9 });
    expect(kindOf('scap aborted: Backport for [[gerrit:1|x]] (duration: 01m 00s)')).toBe('aborted');
    expect(kindOf('backup failed: disk full')).toBe('other');
  });

  it('scap lock, with and without the planned duration, and the forced removal', () => {
    expect(parseMessage('Locking from deployment [ALL REPOSITORIES]: Train freeze (planned duration: 60m 00s)').fields)
      .toMatchObject({ prog: 'lock', repo: 'ALL REPOSITORIES', msg: 'Train freeze', durationS: 3600 });
    expect(parseMessage('Unlocked for deployment [ALL REPOSITORIES]: Train freeze (duration: 12m 00s)').kind).toBe('unlock');
    expect(kindOf('Forcefully removing global lock: stuck')).toBe('lock-force');
  });

  it('Spicerack cookbook START and END', () => {
    expect(parseMessage('START - Cookbook sre.hosts.reboot-single for host mw1234.eqiad.wmnet').fields)
      .toEqual({ prog: 'sre.hosts.reboot-single', msg: 'for host mw1234.eqiad.wmnet' });
    expect(parseMessage('END (PASS) - Cookbook sre.hosts.reboot-single (exit_code=0) for host mw1234.eqiad.wmnet').fields)
      .toEqual({ result: 'PASS', prog: 'sre.hosts.reboot-single', exitCode: 0, msg: 'for host mw1234.eqiad.wmnet' });
    expect(parseMessage('END (FAIL) - Cookbook sre.foo (exit_code=99)').fields.exitCode).toBe(99);
  });

  it('legacy and housekeeping forms', () => {
    expect(parseMessage('scap sync-l10n completed (1.31.0-wmf.30) (duration: 07m 44s)').fields).toEqual({ version: '1.31.0-wmf.30', durationS: 464 });
    expect(kindOf('Purged l10n cache for 1.31.0-wmf.20')).toBe('l10n-purge');
    expect(parseMessage('Pruned MediaWiki: 1.44.0-wmf.1 (duration: 02m 10s)')).toMatchObject({ kind: 'clean', fields: { durationS: 130 } });
    expect(kindOf('Installing scap version "4.100.0" for 523 host(s)')).toBe('install-start');
    expect(kindOf('Installation of scap version "4.100.0" completed for 523 hosts')).toBe('install-finish');
    expect(parseMessage('Synchronized database lists: add foowiki (duration: 00m 40s)').fields.path).toBe('database lists');
  });
});

describe('parseMessage: human lines', () => {
  it('SWAT lines with markup, template and task ids', () => {
    expect(parseMessage('SWAT: [[gerrit:398001|Enable Foo]] T181315')).toMatchObject({ kind: 'swat', changes: [{ number: 398001 }], tasks: ['T181315'] });
    expect(parseMessage('SWAT {{gerrit|398002}} deployed').changes.map((c) => c.number)).toEqual([398002]);
    expect(kindOf('deployed https://gerrit.wikimedia.org/r/c/mediawiki/core/+/123456 to mwdebug')).toBe('gerrit-ref');
  });

  it('window markers of every era, typed by hand', () => {
    expect(parseMessage('European Mid-day SWAT done')).toMatchObject({ kind: 'window-end', fields: { windowName: 'European Mid-day SWAT' } });
    expect(parseMessage('UTC late backport window done').fields.windowName).toBe('UTC late backport window');
    expect(kindOf('UTC morning deploys done')).toBe('window-end');
    expect(kindOf('Morning SWAT starting')).toBe('window-start');
    expect(parseMessage('Starting UTC afternoon backport window').fields.windowName).toBe('UTC afternoon backport window');
    expect(kindOf('Evening SWAT finished')).toBe('window-end');
  });

  it('real human entries from samples/sal-real.txt are other', () => {
    expect(parseMessage('Add tmp1 index back on db1101:3318 - T194273')).toEqual({ kind: 'other', fields: {}, changes: [], tasks: [] });
    expect(kindOf('addshore@terbium:~$ for i in {1..2500}; do echo Lexeme:L$i; done | mwscript purgePage.php --wiki wikidatawiki')).toBe('other');
  });
});

describe('refs and durations', () => {
  it('reads Gerrit URLs and task ids, each once', () => {
    expect(changeRefs('see https://gerrit.wikimedia.org/r/#/c/1101577 and [[gerrit:1101577]]').map((c) => c.number)).toEqual([1101577]);
    expect(taskRefs('T1 and [[phab:T22]] and https://phabricator.wikimedia.org/T333, again T22, not ST44 or T0')).toEqual(['T1', 'T22', 'T333']);
    expect(parseScapDuration('120', '05')).toBe(7205);
  });
});

describe('parseMessage fuzz', () => {
  it('never throws on random or mutated lines', () => {
    const seeds = ['Finished scap sync-world: Backport for [[gerrit:1|a (T1)]] (duration: 08m 47s)', 'Synchronized x: y (duration: 00m 01s)',
      'Started deploy [a/b@1234567] (env): m', 'END (PASS) - Cookbook x (exit_code=0)', 'u: m synced to the testservers: h', '{{gerrit|12}} T9'];
    let state = 12345;
    const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = '[]{}()|:@ -_.TtmsSF0123456789\u0000\u00e9\u{1F600}\n\'"\\';
    for (let i = 0; i < 5000; i++) {
      const base = seeds[i % seeds.length].split('');
      for (let k = 0; k < 1 + Math.floor(rand() * 6); k++) {
        const pos = Math.floor(rand() * (base.length + 1));
        const op = rand();
        if (op < 0.4) base.splice(pos, 1);
        else if (op < 0.8) base.splice(pos, 0, alphabet[Math.floor(rand() * alphabet.length)]);
        else base.splice(pos, Math.floor(rand() * 10));
      }
      const p = parseMessage(base.join(''));
      expect(typeof p.kind).toBe('string');
    }
  });
});
