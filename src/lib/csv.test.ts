import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('quotes per RFC 4180 and writes times as ISO UTC', () => {
    const out = toCsv(['a', 'b', 'c'], [{ a: 'x,"y"', b: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), c: ['T1', 'T2'] }]);
    expect(out).toBe('a,b,c\r\n"x,""y""",2026-01-02T03:04:05.000Z,"[""T1"",""T2""]"\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    const out = toCsv(['s', 'n'], [{ s: '=HYPERLINK("http://evil")', n: -3 }, { s: '@SUM(A1)', n: 2 }, { s: '-1+1', n: 0 }], '\n');
    expect(out.split('\n')).toEqual(['s,n', `"'=HYPERLINK(""http://evil"")",-3`, "'@SUM(A1),2", "'-1+1,0", '']);
  });
});
