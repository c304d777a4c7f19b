// One sync of a source at a time: a second taker is refused with conflict (naming the
// holder and since when), all-or-none over several sources, released after errors too.
import { describe, expect, it } from 'vitest';
import { SourceLocks } from './locks.ts';

describe('SourceLocks', () => {
  it('refuses a second run of the same source, naming who holds it', async () => {
    const locks = new SourceLocks(() => new Date('2026-03-02T12:00:00Z'));
    let release!: () => void;
    const first = locks.run(['gerrit'], 'the schedule', () => new Promise<void>((r) => (release = r)));
    await expect(locks.run(['jenkins', 'gerrit'], 'POST /api/sync', async () => 1))
      .rejects.toMatchObject({ code: 'conflict', message: 'gerrit is being synced (the schedule, since 2026-03-02T12:00:00.000Z); try again when it is done' });
    expect(locks.holderOf('jenkins')).toBeUndefined(); // all or none
    expect(await locks.run(['jenkins'], 'POST /api/sync', async () => 2)).toBe(2);
    release();
    await first;
    expect(locks.holderOf('gerrit')).toBeUndefined();
  });

  it('releases the lock when the run fails', async () => {
    const locks = new SourceLocks();
    await expect(locks.run(['sal'], 'x', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(locks.holderOf('sal')).toBeUndefined();
  });
});
