// GerritBot comment parsing on the real WMF sample and the merge/abandon forms.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGerritBotComment } from './gerritbot.ts';

const sample = JSON.parse(readFileSync(new URL('./fixtures/transaction-gerritbot-comment.json', import.meta.url), 'utf8'));

describe('parseGerritBotComment', () => {
  it('reads the real "had a related patch set uploaded" comment', () => {
    expect(parseGerritBotComment(sample.comments[0].content.raw)).toEqual({
      change: 393751, action: 'uploaded', by: 'Gilles', owner: 'Gilles', repo: 'operations/puppet', branch: 'production',
      subject: 'Log more detailed info in Varnish slow request log',
      line: 'Change 393751 had a related patch set uploaded (by Gilles; owner: Gilles):',
    });
  });

  it('reads merged and abandoned comments', () => {
    const merged = parseGerritBotComment('Change 393751 **merged** by jenkins-bot:\n[operations/puppet@production] Log more\n\n[[https://gerrit.wikimedia.org/r/393751]]\n');
    expect(merged).toMatchObject({ change: 393751, action: 'merged', by: 'jenkins-bot', repo: 'operations/puppet', line: 'Change 393751 **merged** by jenkins-bot:' });
    expect(parseGerritBotComment('Change 12 **abandoned** by Jane Doe:\n[mediawiki/core@master] X')).toMatchObject({ change: 12, action: 'abandoned', by: 'Jane Doe' });
  });

  it('ignores comments that only mention a change', () => {
    expect(parseGerritBotComment('See Change 393751 had a related patch set')).toBeNull();
    expect(parseGerritBotComment('I think Change 5 is wrong')).toBeNull();
  });
});
