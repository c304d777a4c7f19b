// Conformance with the real SAL lines in /work/shared/samples (sal-real.txt and the
// deployments folder). Skipped, with the reason, where the shared samples are absent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitNick } from './entry.ts';
import { htmlRows, parseHtmlRow } from './html.ts';
import { parseMessage } from './messages.ts';
import { parseWikiLine } from './wikitext.ts';

const DIR = '/work/shared/samples';
const present = existsSync(join(DIR, 'sal-real.txt'));
if (!present) console.warn(`sal samples conformance skipped: ${DIR}/sal-real.txt not found`);

describe.skipIf(!present)('real SAL samples (/work/shared/samples)', () => {
  const text = present ? readFileSync(join(DIR, 'sal-real.txt'), 'utf8') : '';
  const line = (re: RegExp) => text.split('\n').find((l) => re.test(l))!;

  it('the 2010 logmsgbot line (Archive 17): user catrope, legacy sync-file', () => {
    const e = parseWikiLine('2010-11-30', line(/^11:29 logmsgbot: catrope/));
    if (typeof e === 'string') throw new Error(e);
    const who = splitNick(e.nick, e.message);
    expect(who.userName).toBe('catrope');
    expect(parseMessage(who.message)).toMatchObject({ kind: 'sync-file-legacy', fields: { path: 'php-1.5/wmf-config/InitialiseSettings.php', msg: 'Enable UploadWizard on commonswiki' } });
  });

  it('the addshore wiki line and the rendered view lines read as entries', () => {
    expect(parseWikiLine('2018-06-27', line(/^09:04 addshore:/))).toMatchObject({ nick: 'addshore' });
    expect(parseWikiLine('2018-05-26', line(/^14:25\s+<marostegui>/))).toMatchObject({ nick: 'marostegui', message: 'Add tmp1 index back on db1101:3318 - T194273' });
  });

  it('the sal.toolforge.org HTML row of a backport (2024-12)', () => {
    const html = readFileSync(join(DIR, 'deployments', 'sal-html-row-and-deploy-items.txt'), 'utf8');
    const [row] = htmlRows(html);
    const e = parseHtmlRow({ ...row, day: '2024-12-05' });
    if (typeof e === 'string') throw new Error(e);
    expect(e).toMatchObject({ id: '2UkrtpMBKFqumxvtMweK', nick: 'samtar@deploy2002', project: 'production' });
    expect(parseMessage(e.message)).toMatchObject({ kind: 'sync-finish', fields: { durationS: 527 }, changes: [{ number: 1101577, subject: "Add Atieno's public key" }] });
  });

  it('the ES hit of a scap3 deploy and the spiderpig backport line', () => {
    const msg = JSON.parse(`"${/"message": "(.*)",$/m.exec(text)![1]}"`) as string;
    expect(parseMessage(msg)).toMatchObject({ kind: 'scap3-finish', fields: { repo: 'airflow-dags/analytics', sha: '8b8a456', durationS: 31 } });
    const spiderpig = line(/Started scap sync-world: Backport for \[\[gerrit:42/).replace(/^.*?\d\d:\d\d:\d\d /, '');
    expect(parseMessage(spiderpig)).toMatchObject({ kind: 'sync-start', changes: [{ number: 42, tasks: ['T123123'] }] });
  });
});
