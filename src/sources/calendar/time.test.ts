import { describe, expect, it } from 'vitest';
import { parseCalendarWhen, parseLengthHours, parseUtcAttribute } from './time.ts';

describe('calendar times', () => {
  it('reads "SF" as San Francisco wall-clock time, winter and summer', () => {
    // utc_late_backport is scheduled at "13" and announced as 21:00 UTC in winter (PST, UTC-8)
    expect(parseCalendarWhen('2023-01-09 13:00 SF')?.toISOString()).toBe('2023-01-09T21:00:00.000Z');
    // the 2021-08-24 DB switchover card: 23:00 PDT (UTC-7) is 06:00 UTC the next day
    expect(parseCalendarWhen('2021-08-24 23:00 SF')?.toISOString()).toBe('2021-08-25T06:00:00.000Z');
  });

  it('handles the DST change days and explicit UTC', () => {
    expect(parseCalendarWhen('2023-03-12 04:00 SF')?.toISOString()).toBe('2023-03-12T11:00:00.000Z');
    expect(parseCalendarWhen('2023-11-05 00:00 SF')?.toISOString()).toBe('2023-11-05T07:00:00.000Z');
    expect(parseCalendarWhen('2023-01-09 07:00 UTC')?.toISOString()).toBe('2023-01-09T07:00:00.000Z');
  });

  it('rejects what it cannot read', () => {
    expect(parseCalendarWhen('next tuesday')).toBeNull();
    expect(parseCalendarWhen('2023-13-09 07:00 SF')).toBeNull();
  });

  it('reads data-utcstart in its ISO spellings', () => {
    expect(parseUtcAttribute('2024-12-02T08:00:00+00:00')?.toISOString()).toBe('2024-12-02T08:00:00.000Z');
    expect(parseUtcAttribute('2024-12-02T08:00Z')?.toISOString()).toBe('2024-12-02T08:00:00.000Z');
    expect(parseUtcAttribute('2024-12-02T09:00:00+0100')?.toISOString()).toBe('2024-12-02T08:00:00.000Z');
    expect(parseUtcAttribute('soon')).toBeNull();
  });

  it('reads lengths in hours', () => {
    expect(parseLengthHours('0.5')).toBe(1800_000);
    expect(parseLengthHours(undefined)).toBe(3600_000);
    expect(parseLengthHours('x')).toBeNull();
  });
});
