import { describe, expect, it } from 'vitest';
import { redactDeep, redactSecrets } from './redact.ts';

describe('redactSecrets', () => {
  it.each([
    ['http://user:password@host/x', 'http://***@host/x'],
    ['fetch https://bot:s3cr%40t@gerrit.example.org/a/changes/?q=x failed', 'fetch https://***@gerrit.example.org/a/changes/?q=x failed'],
    ['https://token@ci.example.org/job', 'https://***@ci.example.org/job'],
    ['https://h/x?api.token=abc&after=2', 'https://h/x?api.token=***&after=2'],
    ['https://h/x?a=1&password=p;token=t', 'https://h/x?a=1&password=***;token=***'],
    ['two: ftp://a:b@h1/ and http://c:d@h2:8080/', 'two: ftp://***@h1/ and http://***@h2:8080/'],
  ])('%s', (input, out) => {
    expect(redactSecrets(input)).toBe(out);
    expect(redactSecrets(input)).not.toMatch(/password@|s3cr|abc|:d@/);
  });

  it('leaves plain text, mail addresses and URLs without credentials alone', () => {
    for (const s of ['deploy by alice@example.org', 'https://gerrit.example.org/r/c/123?o=LABELS', 'T123 at 12:00', '']) expect(redactSecrets(s)).toBe(s);
    expect(redactSecrets(null)).toBeNull();
  });

  it('redacts every string of a nested value', () => {
    expect(redactDeep({ a: ['http://u:p@h/'], b: { c: 'x', d: 3 } })).toEqual({ a: ['http://***@h/'], b: { c: 'x', d: 3 } });
  });
});
