// parseUtcTime and utcTime: what people type into since/until, read one way everywhere.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DATE_HINT, notADate, parseUtcTime } from './time.ts';
import { utcTime } from './time-schema.ts';

describe('parseUtcTime', () => {
  it('reads a date as midnight UTC and a time without a zone as UTC', () => {
    expect(parseUtcTime('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseUtcTime('2024-02-03T13:05')?.toISOString()).toBe('2024-02-03T13:05:00.000Z');
    expect(parseUtcTime('2024-02-03 13:05:07.25')?.toISOString()).toBe('2024-02-03T13:05:07.250Z');
  });

  it('applies an explicit zone', () => {
    expect(parseUtcTime('2024-02-03T13:05:00Z')?.toISOString()).toBe('2024-02-03T13:05:00.000Z');
    expect(parseUtcTime('2024-02-03T13:05:00+02:00')?.toISOString()).toBe('2024-02-03T11:05:00.000Z');
    expect(parseUtcTime('2024-02-03T13:05:00-0530')?.toISOString()).toBe('2024-02-03T18:35:00.000Z');
  });

  it('refuses what is not a calendar date or time', () => {
    for (const bad of ['2024-13-01', '2024-02-30', '2023-02-29', '2024-1-5', '02/03/2024', 'yesterday', '', '2024-02-03T24:00', '2024-02-03T10:00+15:00']) {
      expect(parseUtcTime(bad), bad).toBeNull();
    }
  });
});

describe('utcTime', () => {
  const schema = z.object({ since: utcTime.optional() });

  it('turns text into a Date and passes Dates through', () => {
    expect(schema.parse({ since: '2024-05-01' }).since?.toISOString()).toBe('2024-05-01T00:00:00.000Z');
    const d = new Date(Date.UTC(2024, 0, 2));
    expect(schema.parse({ since: d }).since).toBe(d);
  });

  it('fails with the one wording, naming the parameter in the path', () => {
    const r = schema.safeParse({ since: '2024-13-45' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['since']);
    expect(r.error?.issues[0].message).toBe(notADate('2024-13-45'));
    expect(notADate('x')).toBe(`"x" is not a date (${DATE_HINT})`);
    expect(schema.safeParse({ since: new Date(Number.NaN) }).error?.issues[0].message).toBe(notADate('Invalid Date'));
  });

  it('documents itself as a string in JSON Schema', () => {
    expect(JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }))).toContain('"string"');
  });
});
