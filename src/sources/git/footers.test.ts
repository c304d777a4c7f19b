import { describe, expect, it } from 'vitest';
import { parseFooters } from './footers.ts';

describe('parseFooters', () => {
  it('reads the footer block of a real Gerrit commit message', () => {
    const msg = [
      'Enable Extension:Foo on testwiki',
      '',
      'Some body text mentioning T999 in passing.',
      '',
      'Bug: T181315',
      'Bug: T181316',
      'Depends-On: I4c1c6e0a62cbf33d0a2bcf5aa4ac3fd1a1f0e6a1',
      'Change-Id: Ia9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0',
    ].join('\n');
    const f = parseFooters(msg);
    expect(f.bugTasks).toEqual(['T181315', 'T181316']);
    expect(f.bugLines[1]).toEqual({ task: 'T181316', line: 'Bug: T181316' });
    expect(f.changeId).toBe('Ia9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0');
    expect(f.dependsOn).toEqual(['I4c1c6e0a62cbf33d0a2bcf5aa4ac3fd1a1f0e6a1']);
    expect(f.revertsSha).toBeNull();
  });

  it('accepts the variants found in operations/mediawiki-config history', () => {
    expect(parseFooters('x\n\nBug:T90837').bugTasks).toEqual(['T90837']);
    expect(parseFooters('x\n\nbug: T412582').bugTasks).toEqual(['T412582']);
    expect(parseFooters('x\n\nBug: T267347,T271164').bugTasks).toEqual(['T267347', 'T271164']);
    expect(parseFooters('x\n\nBug: T322672.').bugTasks).toEqual(['T322672']);
    expect(parseFooters('x\n\nBug: Bug: T218994').bugTasks).toEqual(['T218994']);
    expect(parseFooters('x\n\nBug: T224017#5203835').bugTasks).toEqual(['T224017']);
    expect(parseFooters('x\n\n Bug: T211234').bugTasks).toEqual(['T211234']);
  });

  it('keeps legacy Bugzilla numbers apart from Phabricator tasks', () => {
    const f = parseFooters('Fix\n\nBug: 54321\nBug: 123, 456\nChange-Id: I0000000000000000000000000000000000000000');
    expect(f.bugTasks).toEqual([]);
    expect(f.bugLegacy).toEqual(['54321', '123', '456']);
  });

  it('finds the reverted commit of a git revert', () => {
    const f = parseFooters('Revert "Foo"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.\n');
    expect(f.revertsSha).toBe('0123456789abcdef0123456789abcdef01234567');
  });

  it('does not take a mid-sentence "bug:" for a footer', () => {
    expect(parseFooters('Fix the bug: T1 was wrong').bugTasks).toEqual([]);
  });
});
