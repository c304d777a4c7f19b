import { describe, expect, it } from 'vitest';
import { classifyWindowName, windowId } from './names.ts';

describe('classifyWindowName', () => {
  it('reads the 2023 generator markup (FORMATS.md §3)', () => {
    const w = classifyWindowName("[[Backport windows|UTC late backport window]]<br/><small>'''Your patch may or may not be deployed at the sole discretion of the deployer'''<br />'''(Max 6 patches)'''</small>");
    expect(w).toEqual({ name: 'UTC late backport window', kind: 'backport', maxPatches: 6, version: null });
  });

  it('knows every era of names', () => {
    expect(classifyWindowName('Morning SWAT (Max 8 patches)')).toMatchObject({ name: 'Morning SWAT', kind: 'swat', maxPatches: 8 });
    expect(classifyWindowName('European Mid-day SWAT (Max 4 patches)')).toMatchObject({ kind: 'swat', maxPatches: 4 });
    expect(classifyWindowName('Evening backport window')).toMatchObject({ kind: 'backport', maxPatches: null });
    expect(classifyWindowName('[[Backport windows|UTC morning backport and config training]]')).toMatchObject({ kind: 'backport' });
    expect(classifyWindowName('MediaWiki train - 1.40.0-wmf.18 Version (secondary timeslot)'))
      .toMatchObject({ kind: 'train', version: '1.40.0-wmf.18' });
    expect(classifyWindowName("[[Puppet request window]]<br/><small>'''(Max 6 patches)'''</small>"))
      .toMatchObject({ name: 'Puppet request window', kind: 'other', maxPatches: 6 });
    expect(classifyWindowName('Weekly Security deployment window').kind).toBe('other');
  });

  it('builds one id per window whatever the format', () => {
    expect(windowId(new Date('2023-01-09T21:00:00Z'), 'UTC late backport window')).toBe('2023-01-09T2100Z-utc-late-backport-window');
  });
});
