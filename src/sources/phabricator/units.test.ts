// The small pure pieces: Conduit epochs, form encoding, the restriction rule,
// the cursor watermark; and the client's handling of bodies that are not Conduit.
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../lib/http/client.ts';
import { ConduitClient } from './conduit.ts';
import { advance, alreadySeen, parseCursor } from './cursor.ts';
import { startConduit } from './fixtures/conduit-server.ts';
import { encodeConduitForm } from './form.ts';
import { isRestrictedTask, redactTask } from './redact.ts';
import { parseConduitEpoch, parseReleaseDate } from './time.ts';

describe('time formats', () => {
  it('parseConduitEpoch reads numbers and numeric strings, null for empty, throws naming the field', () => {
    expect(parseConduitEpoch(1462306027, 'f')).toEqual(new Date('2016-05-03T20:07:07Z'));
    expect(parseConduitEpoch('1462306027', 'f')).toEqual(new Date('2016-05-03T20:07:07Z'));
    expect(parseConduitEpoch(null, 'f')).toBeNull();
    expect(() => parseConduitEpoch('yesterday', 'fields.dateClosed')).toThrow(/fields.dateClosed: not a Conduit epoch/);
  });
  it('parseReleaseDate gives the UTC day of an epoch and keeps a written date', () => {
    expect(parseReleaseDate(1772582400)).toBe('2026-03-04');
    expect(parseReleaseDate('2026-03-03')).toBe('2026-03-03');
    expect(parseReleaseDate(null)).toBeNull();
  });
});

describe('form encoding', () => {
  it('flattens nested constraints and attachments after api.token', () => {
    const body = encodeConduitForm({ constraints: { projects: ['PHID-PROJ-a', 'PHID-PROJ-b'], modifiedStart: 5 }, attachments: { projects: true }, after: null }, 'api-t');
    expect(decodeURIComponent(body)).toBe('api.token=api-t&constraints[projects][0]=PHID-PROJ-a&constraints[projects][1]=PHID-PROJ-b&constraints[modifiedStart]=5&attachments[projects]=1');
  });
});

describe('restriction rule', () => {
  const t = (policy: unknown, subtype = 'default') => ({ id: 1, fields: { name: 'x', policy, subtype } });
  it('public and logged-in-users tasks are open; a project/custom policy, a security subtype or no policy is restricted', () => {
    expect(isRestrictedTask(t({ view: 'public' }))).toBe(false);
    expect(isRestrictedTask(t({ view: 'users' }))).toBe(false);
    expect(isRestrictedTask(t({ view: 'PHID-PROJ-security' }))).toBe(true);
    expect(isRestrictedTask(t({ view: 'PHID-PLCY-custom' }))).toBe(true);
    expect(isRestrictedTask(t({ view: 'public' }, 'security'))).toBe(true);
    expect(isRestrictedTask(t(undefined))).toBe(true);
    expect(redactTask(t({ view: 'x' }))).toEqual({ id: 1, type: 'TASK', restricted: true });
  });
});

describe('cursor', () => {
  it('remembers the tasks of the overlap window, and only those', () => {
    let w = advance(null, 1, 1000, 300);
    w = advance(w, 2, 1200, 300);
    w = advance(w, 3, 1400, 300);
    expect(w).toEqual({ t: 1400, recent: { 2: 1200, 3: 1400 } });
    const back = parseCursor(JSON.stringify(w));
    expect(alreadySeen(back, 3, 1400)).toBe(true);
    expect(alreadySeen(back, 3, 1401)).toBe(false);
    expect(alreadySeen(back, 1, 1000)).toBe(false);
    expect(parseCursor('not json')).toBeNull();
  });
});

describe('ConduitClient on bodies that are not Conduit', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());
  const client = (url: string, sleeps: number[]) => {
    const http = createHttpClient({ fetch: globalThis.fetch, clock: () => new Date(0), sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 }, { retries: 2, retryBaseMs: 100 });
    return new ConduitClient({ url, token: 'api-x', http });
  };

  it('retries a truncated body with backoff, then gives up naming the endpoint', async () => {
    const s = await startConduit(() => ({ body: '{"result": {"data": [' }));
    close = s.close;
    const sleeps: number[] = [];
    await expect(client(s.url, sleeps).call('maniphest.search', {})).rejects.toThrow(new RegExp(`${s.url}/api/maniphest.search: response is not valid JSON.*\\(after 3 attempts\\)$`));
    expect(sleeps).toEqual([75, 150]);
  });

  it('fails at once on a 404 and passes a recorded Conduit error through after retries', async () => {
    const s = await startConduit((req) => (req.method === 'nope' ? { status: 404, body: 'Not Found' } : { body: { result: null, error_code: 'ERR-CONDUIT-CORE', error_info: 'Lock wait timeout' } }));
    close = s.close;
    const sleeps: number[] = [];
    await expect(client(s.url, sleeps).call('nope', {})).rejects.toThrow(/HTTP 404: not a Conduit endpoint/);
    expect(sleeps).toEqual([]);
    await expect(client(s.url, sleeps).call('maniphest.search', {})).rejects.toThrow(/api\/maniphest\.search: ERR-CONDUIT-CORE: Lock wait timeout \(after 3 attempts\)$/);
    expect(sleeps).toEqual([75, 150]);
  });
});
