// Benchmark: SAL parse throughput (stashbot NDJSON → entry → message form) against a bare
// line split of the same input in the same run (ratio), then `shiplog import sal` of 1M
// generated entries (time, peak RSS of the CLI process), generated into a temp dir here.
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitNick } from '../src/sources/sal/entry.ts';
import { parseEsDoc } from '../src/sources/sal/es-doc.ts';
import { parseMessage } from '../src/sources/sal/messages.ts';
import { measureCommand, printFigures, ratio, shiplogBin } from './lib.ts';

const USERS = ['reedy', 'samtar', 'urbanecm', 'brennen', 'thcipriani', 'jforrester', 'dancy', 'kharlan'];
const HOSTS = ['deploy1002', 'deploy2002', 'deploy1003'];

/** One deterministic run of SAL lines in the real forms: a backport pair, a sync-file, a train step, human lines. */
export function* salLines(n: number): Generator<string> {
  let t = Date.UTC(2016, 0, 1);
  let i = 0;
  let emitted = 0;
  const doc = (nick: string, message: string) => {
    t += 17_000 + (i % 13) * 1000;
    i++;
    return JSON.stringify({ '@timestamp': new Date(t).toISOString().replace('.000Z', 'Z'), message, nick, project: 'production', channel: '#wikimedia-operations', type: 'sal' });
  };
  while (emitted < n) {
    const user = USERS[i % USERS.length];
    const nick = `${user}@${HOSTS[i % HOSTS.length]}`;
    const change = 400_000 + i;
    const bp = `Backport for [[gerrit:${change}|Fix ${i % 97} in Foo (T${200_000 + (i % 5000)})]]`;
    const ops = [
      doc(nick, `Started scap sync-world: ${bp}`),
      doc(nick, `${user}: ${bp} synced to the testservers (see https://wikitech.wikimedia.org/wiki/Mwdebug). Changes can now be verified there.`),
      doc(nick, `${user}: Continuing with deployment`),
      doc(nick, `Finished scap sync-world: ${bp} (duration: ${String(5 + (i % 70)).padStart(2, '0')}m ${String(i % 60).padStart(2, '0')}s)`),
      doc(nick, `Synchronized wmf-config/InitialiseSettings.php: Config: [[gerrit:${change + 1}|Enable bar (T${300_000 + (i % 900)})]] (duration: 00m ${String(10 + (i % 50))}s)`),
      doc(nick, `rebuilt and synchronized wikiversions files: group${i % 3} to 1.45.0-wmf.${i % 30}  refs T${390_000 + (i % 50)}`),
      doc('marostegui', `Depool db${1100 + (i % 80)} T${250_000 + (i % 300)}`),
      doc(user, 'UTC late backport window done'),
    ];
    for (const line of ops) {
      if (emitted++ >= n) return;
      yield line;
    }
  }
}

async function writeInput(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  for (const line of salLines(n)) {
    if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
}

/** Parse throughput of the pure path (doc → entry → nick split → message form) vs a line split. */
function parseFigures(path: string): Record<string, number> {
  const text = readFileSync(path, 'utf8');
  const mb = Buffer.byteLength(text) / 1e6;
  let t0 = performance.now();
  let lines = 0;
  for (const l of text.split('\n')) if (l !== '') lines++;
  const splitMs = performance.now() - t0;
  t0 = performance.now();
  let kinds = 0;
  for (const l of text.split('\n')) {
    if (l === '') continue;
    const e = parseEsDoc(l);
    if (typeof e === 'string') continue;
    if (parseMessage(splitNick(e.nick, e.message).message).kind !== 'other') kinds++;
  }
  const parseMs = performance.now() - t0;
  return {
    'parse input lines': lines,
    'parse input MB': Math.round(mb),
    'line split (ms)': Math.round(splitMs),
    'line split lines/s': Math.round(lines / (splitMs / 1000)),
    'line split MB/s': Math.round(mb / (splitMs / 1000)),
    'SAL parse (ms)': Math.round(parseMs),
    'SAL parse lines/s': Math.round(lines / (parseMs / 1000)),
    'SAL parse MB/s': Math.round(mb / (parseMs / 1000)),
    'SAL parse / line split ratio': ratio(parseMs, splitMs),
    'lines with a recognised form': kinds,
  };
}

export async function run(opts: { entries?: number } = {}): Promise<Record<string, unknown>> {
  const entries = opts.entries ?? 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-bench-sal-'));
  try {
    const input = join(dir, 'sal.ndjson');
    await writeInput(input, entries);
    const env = { ...process.env, SHIPLOG_LOG_LEVEL: 'silent' };
    const BIN = shiplogBin();
    const db = join(dir, 'bench.duckdb');
    const imp = await measureCommand(BIN, ['--db', db, '--json', 'import', 'sal', input], { env, keepStdout: true });
    if (imp.code !== 0) throw new Error(`import failed: ${imp.stderr}`);
    const summary = JSON.parse(imp.stdout).summaries[0] as { seen: number; rejected: number; rows: Record<string, { new: number }> };
    const again = await measureCommand(BIN, ['--db', db, 'import', 'sal', input], { env });
    const figures = {
      entries,
      'input MB': Math.round(statSync(input).size / 1e6),
      ...parseFigures(input),
      'shiplog import sal (ms)': Math.round(imp.ms),
      'import entries/s': Math.round(entries / (imp.ms / 1000)),
      'import peak RSS (MB)': imp.peakRssMb,
      'import items seen': summary.seen,
      'import rejected': summary.rejected,
      're-import, nothing new (ms)': Math.round(again.ms),
    };
    printFigures('sal', figures);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
