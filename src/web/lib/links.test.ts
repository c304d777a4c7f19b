// Links out and wikitext: each kind of key to its own system, from the configured bases,
// and message markup to links that no value from the data can turn into another scheme.
import { describe, expect, it } from 'vitest';
import { keyLabel, outLink, WIKIMEDIA } from './links.ts';
import { parseWikitext } from './wikitext.ts';

describe('outLink', () => {
  const cases: [string, Record<string, unknown> | undefined, string | null][] = [
    ['change:gerrit.wikimedia.org:907238', undefined, 'https://gerrit.wikimedia.org/r/c/907238'],
    ['change:gerrit.wikimedia.org:907238/3', undefined, 'https://gerrit.wikimedia.org/r/c/907238'],
    ['task:T123', undefined, 'https://phabricator.wikimedia.org/T123'],
    ['commit:mediawiki/core:1b2c5f02caf3ae866cd1d0f628df083414449ede', undefined, 'https://gerrit.wikimedia.org/r/plugins/gitiles/mediawiki/core/+/1b2c5f02caf3ae866cd1d0f628df083414449ede'],
    ['repo:mediawiki/extensions/Math', undefined, 'https://gerrit.wikimedia.org/r/plugins/gitiles/mediawiki/extensions/Math'],
    ['build:jenkins:integration.wikimedia.org/ci/job/quibble/12', undefined, 'https://integration.wikimedia.org/ci/job/quibble/12/'],
    ['build:jenkins:quibble/1', { url: 'https://ci.example.org/job/quibble/1/' }, 'https://ci.example.org/job/quibble/1/'],
    ['build:jenkins:quibble/1', { url: 'javascript:alert(1)' }, null],
    ['deploy:sal:a1', { started_at: '2024-02-02T12:00:00.000Z' }, 'https://sal.toolforge.org/production?d=2024-02-02'],
    ['deploy:sal:a1', undefined, null],
    ['deploy:git:4a40622d50f5deedf8b05585cacfc4a4312d87c2', undefined, 'https://gerrit.wikimedia.org/r/plugins/gitiles/operations/mediawiki-config/+/4a40622d50f5deedf8b05585cacfc4a4312d87c2'],
    ['incident:2026-01-15 MediaWiki 5xx 1', undefined, 'https://wikitech.wikimedia.org/wiki/Incidents/2026-01-15_MediaWiki_5xx_1'],
    ['window:2026-01-05T0700Z-european-mid-day-swat', undefined, 'https://wikitech.wikimedia.org/wiki/Deployments#deploycal-item-20260105T0700'],
    ['train:1.46.0-wmf.25', undefined, 'https://www.mediawiki.org/wiki/MediaWiki_1.46/wmf.25'],
    ['sal:4de5069c4ab77ec5', { logged_at: '2026-01-06T19:19:00.000Z' }, 'https://sal.toolforge.org/production?d=2026-01-06'],
    ['person:bob', undefined, null],
  ];
  for (const [key, row, href] of cases) {
    it(`${key} → ${href}`, () => expect(outLink(key, WIKIMEDIA, row)?.href ?? null).toBe(href));
  }

  it('follows the configured bases and hides a kind whose base is empty', () => {
    const bases = { ...WIKIMEDIA, gerrit: 'https://review.example.org', phabricator: '' };
    expect(outLink('change:review.example.org:5', bases)?.href).toBe('https://review.example.org/c/5');
    expect(outLink('task:T5', bases)).toBeNull();
  });
});

describe('keyLabel', () => {
  it('shortens keys to what people call them', () => {
    expect(keyLabel('change:gerrit.wikimedia.org:907238')).toBe('change 907238');
    expect(keyLabel('commit:mediawiki/core:1b2c5f02caf3ae866cd1d0f628df083414449ede')).toBe('core@1b2c5f0');
    expect(keyLabel('build:jenkins:integration.wikimedia.org/ci/job/quibble-php81/4242')).toBe('quibble-php81 #4242');
    expect(keyLabel('deploy:git:4a40622d50f5deedf8b05585cacfc4a4312d87c2')).toBe('git 4a40622d');
    expect(keyLabel('window:2026-01-05T0700Z-european-mid-day-swat')).toBe('2026-01-05 07:00 european-mid-day-swat');
    expect(keyLabel('task:T1')).toBe('T1');
    expect(keyLabel('sal:4de5069c4ab77ec5')).toBe('SAL 4de5069c');
  });
});

describe('parseWikitext', () => {
  const hrefs = (text: string) => parseWikitext(text, WIKIMEDIA).map((p) => ('link' in p ? `[${p.text}→${p.link.href}]` : p.text)).join('');

  it('turns gerrit, phab, template and bare task links into links with their labels', () => {
    expect(hrefs('Backport for [[gerrit:907238|Fix the <b>save</b> button (T123)]]'))
      .toBe('Backport for [Fix the <b>save</b> button (T123)→https://gerrit.wikimedia.org/r/c/907238]');
    expect(hrefs('[[phab:T42]] and {{Gerrit|I0123456789abcdef0123456789abcdef01234567}}, see T7.'))
      .toBe('[T42→https://phabricator.wikimedia.org/T42] and [I0123456789abcdef0123456789abcdef01234567→https://gerrit.wikimedia.org/r/q/I0123456789abcdef0123456789abcdef01234567], see [T7→https://phabricator.wikimedia.org/T7].');
    expect(hrefs('{{Gerrit|12345|the fix}}')).toBe('[the fix→https://gerrit.wikimedia.org/r/c/12345]');
  });

  it('gives the shiplog key of a linked change or task', () => {
    const [, link] = parseWikitext('x [[gerrit:1001|y]]', WIKIMEDIA);
    expect(link).toMatchObject({ key: 'change:gerrit.wikimedia.org:1001' });
  });

  it('leaves unknown or malformed markup, and injected schemes, as text', () => {
    for (const t of ['[[gerrit:javascript:alert(1)|x]]', '[[evil:T1|x]]', '{{Gerrit|"><script>}}', '[[gerrit:12', 'ET123 T12x']) {
      expect(parseWikitext(t, WIKIMEDIA).map((p) => p.text).join(''), t).toBe(t);
      expect(parseWikitext(t, WIKIMEDIA).some((p) => 'link' in p), t).toBe(false);
    }
  });
});
