// Retry-After in both forms (RFC 9110 §10.2.3) and the three HTTP-date forms (§5.6.7).
import { describe, expect, it } from 'vitest';
import { parseHttpDate, parseRetryAfter } from './retry-after.ts';

const NOW = new Date('2026-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('9'.repeat(400), NOW)).toBe(Infinity);
  });

  it('reads an HTTP-date as the time left until it, 0 once passed', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', NOW)).toBe(0);
  });

  it('is null when absent or unreadable, so the caller backs off instead', () => {
    for (const v of [null, undefined, '', 'soon', '-5', '1.5', '2 minutes', 'Thu, 01 Jan 2026 00:00:30 PST']) {
      expect(parseRetryAfter(v, NOW)).toBeNull();
    }
  });
});

describe('parseHttpDate', () => {
  const at = new Date('1994-11-06T08:49:37Z');
  it('reads IMF-fixdate, RFC 850 and asctime, all as UTC', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toEqual(at);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', new Date('2000-01-01T00:00:00Z'))).toEqual(at);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994', NOW)).toEqual(at);
    expect(parseHttpDate('Sun Nov 16 08:49:37 1994', NOW)).toEqual(new Date('1994-11-16T08:49:37Z'));
  });

  it('puts an RFC 850 two-digit year at most 50 years ahead', () => {
    expect(parseHttpDate('Friday, 01-Jan-27 00:00:00 GMT', NOW)?.getUTCFullYear()).toBe(2027);
    expect(parseHttpDate('Friday, 01-Jan-99 00:00:00 GMT', NOW)?.getUTCFullYear()).toBe(1999);
  });

  it('refuses what only looks like a date', () => {
    expect(parseHttpDate('2', NOW)).toBeNull(); // Date.parse says 2001
    expect(parseHttpDate('Sun, 31 Feb 1994 08:49:37 GMT', NOW)).toBeNull();
    expect(parseHttpDate('Sun, 06 Nov 1994 25:49:37 GMT', NOW)).toBeNull();
    expect(parseHttpDate('2026-01-01T00:00:30Z', NOW)).toBeNull();
  });
});
