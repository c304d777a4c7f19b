// The pure readers under the source: nick split, both SAL time formats, wiki lines of
// every era, the JSON array splitter across chunk boundaries, format sniffing; and a
// fuzz test that mutated entries never throw and always land in log_entries.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { sniffFormat } from './collect-file.ts';
import { parseDayTime, parseSalTimestamp, splitNick } from './entry.ts';
import { salSource } from './index.ts';
import { arrayElements } from './json-stream.ts';
import { parseDayHeader, parseWikiLine } from './wikitext.ts';

describe('entry readers', () => {
  it('splits user@host nicks and old logmsgbot lines', () => {
    expect(splitNick('reedy@deploy1001', 'Synchronized x: y')).toEqual({ nick: 'reedy@deploy1001', userName: 'reedy', host: 'deploy1001', message: 'Synchronized x: y' });
    expect(splitNick('logmsgbot', "catrope synchronized a 'b'")).toMatchObject({ userName: 'catrope', host: null, message: "synchronized a 'b'" });
    expect(splitNick('logmsgbot', 'user@host1001.domain Message')).toMatchObject({ userName: 'user', host: 'host1001.domain', message: 'Message' });
    expect(splitNick('marostegui', 'Add index')).toMatchObject({ userName: 'marostegui', host: null });
    expect(splitNick('wmbot~someone', 'x').userName).toBe('someone');
  });

  it('reads both @timestamp forms and day + HH:MM, refusing impossible times', () => {
    expect(parseSalTimestamp('2024-01-01T17:11:59Z')).toEqual(new Date(Date.UTC(2024, 0, 1, 17, 11, 59)));
    expect(parseSalTimestamp('2013-05-01T12:34:56.000Z')).toEqual(new Date(Date.UTC(2013, 4, 1, 12, 34, 56)));
    expect(parseSalTimestamp('2013-05-01 12:34')).toBeNull();
    expect(parseSalTimestamp(1704129119000)).toBeNull();
    expect(parseDayTime('2010-11-30', '11:29')).toEqual(new Date(Date.UTC(2010, 10, 30, 11, 29)));
    expect(parseDayTime('2010-02-30', '11:29')).toBeNull();
    expect(parseDayTime('2010-11-30', '24:00')).toBeNull();
  });

  it('reads wiki lines: plain, the SAL entry template with escapes, rendered text, and says why not', () => {
    expect(parseDayHeader('== 2016-11-23 ==')).toBe('2016-11-23');
    expect(parseDayHeader('=== 2016-11-23 ===')).toBe('2016-11-23');
    expect(parseDayHeader('2018-05-26')).toBe('2018-05-26');
    expect(parseWikiLine('2018-06-27', '09:04 addshore: addshore@terbium:~$ for i in {1..2500}; do echo Lexeme:L$i; done')).toMatchObject({ nick: 'addshore', message: 'addshore@terbium:~$ for i in {1..2500}; do echo Lexeme:L$i; done' });
    expect(parseWikiLine('2016-11-23', '* {{safesubst:SAL entry|1=23:42 thcipriani@tin: a {{!}} b <nowiki>{</nowiki>}}')).toMatchObject({ nick: 'thcipriani@tin', message: 'a | b {' });
    expect(parseWikiLine('2018-05-26', '14:25   <marostegui>  Add tmp1 index back on db1101:3318 - T194273')).toMatchObject({ nick: 'marostegui', message: 'Add tmp1 index back on db1101:3318 - T194273', project: null });
    expect(parseWikiLine('2024-12-05', "14:41 <samtar@deploy2002> Finished scap sync-world: x (duration: 08m 47s) [production]")).toMatchObject({ project: 'production', message: 'Finished scap sync-world: x (duration: 08m 47s)' });
    expect(parseWikiLine(null, '* 11:29 a: b')).toMatch(/before any dated section header/);
    expect(parseWikiLine('2010-11-30', '* 25:29 a: b')).toBe('bad time "25:29" on 2010-11-30');
  });

  it('splits a JSON array into elements across chunk boundaries, strings with brackets included', async () => {
    const text = '[\n {"a": "x]}\\"{", "b": [1, {"c": 2}]},\n {"@timestamp": "2024-01-01T00:00:00Z"}\n]';
    for (const size of [1, 3, 7, 1000]) {
      async function* chunks() {
        for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
      }
      const els = [];
      for await (const e of arrayElements(chunks())) els.push(e);
      expect(els.map((e) => JSON.parse(e.text))).toEqual([{ a: 'x]}"{', b: [1, { c: 2 }] }, { '@timestamp': '2024-01-01T00:00:00Z' }]);
      expect(els.map((e) => e.line)).toEqual([2, 3]);
    }
  });

  it('sniffs every file format from its first bytes', () => {
    expect(sniffFormat('{"@timestamp":"x"}\n{"a":1}')).toBe('ndjson');
    expect(sniffFormat('{\n  "took": 3,')).toBe('json');
    expect(sniffFormat('[\n{')).toBe('json-array');
    expect(sniffFormat('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe('atom');
    expect(sniffFormat('<!DOCTYPE html><html>')).toBe('html');
    expect(sniffFormat('{{Navigation}}\n== 2016-11-23 ==')).toBe('wikitext');
    expect(sniffFormat('== 2016-11-23 ==')).toBe('wikitext');
  });
});

describe('import fuzz', () => {
  it('mutated entries never crash the import and every one with a time lands in log_entries', async () => {
    let state = 99;
    const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const junk = '[]{}()|:@ -_.T0123456789"\\\'\u00e9\u{1F600}<>&';
    const mutate = (s: string) => {
      const a = [...s];
      for (let k = 0; k < 1 + Math.floor(rand() * 8); k++) a.splice(Math.floor(rand() * (a.length + 1)), rand() < 0.5 ? 1 : 0, junk[Math.floor(rand() * junk.length)]);
      return a.join('');
    };
    const bases = ['Finished scap sync-world: Backport for [[gerrit:1|a (T1)]] (duration: 08m 47s)', 'Started scap sync-world: Backport for [[gerrit:1|a (T1)]]',
      'Synchronized wmf-config/x.php: y (duration: 00m 01s)', 'START - Cookbook a.b', 'u: m synced to the testservers: h', 'SWAT {{gerrit|12}} T9'];
    const docs: string[] = [];
    const wiki: string[] = ['== 2015-03-04 =='];
    for (let i = 0; i < 600; i++) {
      const msg = mutate(bases[i % bases.length]);
      const nick = mutate('reedy@deploy1001');
      docs.push(JSON.stringify({ '@timestamp': new Date(Date.UTC(2020, 0, 1, 0, 0, i)).toISOString().replace('.000', ''), nick, message: msg, project: 'production' }));
      wiki.push(`* ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} ${nick.replace(/[\s:]/g, '') || 'x'}: ${msg.replace(/\n/g, ' ')}`);
    }
    const dir = await mkdtemp(join(tmpdir(), 'sal-fuzz-'));
    await writeFile(join(dir, 'docs.ndjson'), docs.join('\n'));
    await writeFile(join(dir, 'page.wiki'), wiki.join('\n'));
    const store = await openStore(':memory:');
    const s = await runSource({ store, log: silentLogger(), clock: () => new Date(), fetch: globalThis.fetch },
      { source: salSource, config: undefined, paths: [dir], options: {} });
    expect(s.errors).toEqual([]);
    const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM log_entries');
    const [{ r }] = await store.all<{ r: number }>('SELECT count(*) AS r FROM rejects');
    expect(r).toBe(0);
    expect(n).toBe(1200); // every doc has a time and every wiki line a "HH:MM nick: " prefix, whatever the message
    await store.close();
  });
});
