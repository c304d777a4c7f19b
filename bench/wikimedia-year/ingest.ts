// One ingest run of the Wikimedia-year bench, as its own process (so it is timed whole with
// its peak RSS): days [from, from + days) of the generated CI year, each build's JUnit XML cut
// by the junit source's chunker into raw records, archived raw-first, normalised by the junit
// normalizer, the repository filled from the build as the derive step does, and written with
// its build rows in batches of about 20,000 results, one transaction each. `--no-store` is the
// floor: the same generation, chunking and normalising with nothing written.
// Prints one JSON line per day: {"day", "results", "builds", "ms"} (ms since the start).
//   node --import tsx bench/wikimedia-year/ingest.ts --engine duckdb --db PATH --from 0 --days 30
import { parseArgs } from 'node:util';
import { keys } from '../../src/model/ids.ts';
import { chunkJUnit } from '../../src/sources/junit/chunker.ts';
import { normalizeJUnit } from '../../src/sources/junit/normalize.ts';
import { chunkKey } from '../../src/sources/junit/rows.ts';
import type { RawRecord } from '../../src/sources/types.ts';
import { openStore, type Engine, type Row, type Store } from '../../src/store/index.ts';
import { storeRaw, toRawRecord } from '../../src/sync/raw.ts';
import { CiYear, junitXml, type Build } from './world.ts';

const BATCH_RESULTS = 20_000;

async function* once(text: string): AsyncIterable<string> {
  yield text;
}

/** The raw items of one build: its JUnit chunks and the build itself (as Jenkins reports it). */
async function buildRecords(b: Build, fetchedAt: Date): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  const fileId = 'junit';
  if (b.junit) {
    for await (const ev of chunkJUnit(once(junitXml(b)))) {
      if ('summary' in ev) break;
      out.push(toRawRecord('junit', 'wikimedia-year', { kind: 'cases', key: chunkKey(b.key, fileId, ev.chunk.firstOrdinal), payload: ev.chunk.payload, url: `${b.key}/testReport` }, fetchedAt));
    }
  }
  return out;
}

function buildRow(b: Build, rawId: string): Row {
  const change = b.change === null ? null : keys.change('gerrit.wikimedia.org', b.change);
  return {
    build_key: b.key, system: 'jenkins', pipeline: b.pipeline, job: b.job, build_number: Number(b.key.split('/').pop()?.replace('r', '')),
    url: `https://integration.wikimedia.org/ci/job/${b.job}/`, result: b.failing.size > 0 ? 'failure' : 'success', original_result: b.failing.size > 0 ? 'FAILURE' : 'SUCCESS',
    voting: true, duration_s: b.durationS, started_at: b.startedAt, reported_at: new Date(b.startedAt.getTime() + b.durationS * 1000),
    node: `integration-agent-docker-10${b.key.length % 40}`, repo: b.repo.name, change_key: change, patchset: b.patchset, raw_id: rawId,
  };
}

async function writeBatch(store: Store | null, builds: Build[], records: RawRecord[], fetchedAt: Date): Promise<number> {
  const buildRaw = builds.map((b) => toRawRecord('jenkins', 'wikimedia-year', { kind: 'build', key: b.key, payload: JSON.stringify({ key: b.key, job: b.job, repo: b.repo.name, change: b.change, ps: b.patchset, at: b.startedAt }) }, fetchedAt));
  const repoOf = new Map(builds.map((b) => [b.key, b.repo.name]));
  const normalize = (fresh: RawRecord[]) => {
    const rows = normalizeJUnit(fresh.filter((r) => r.kind === 'cases')).rows.test_results;
    // the derive step test-results-from-builds: the build's repository where the report names none
    for (const r of rows) r.repo ??= repoOf.get(r.build_key) ?? null;
    return rows;
  };
  if (!store) return normalize(records).length;
  return store.transaction(async (tx) => {
    const { fresh } = await storeRaw(tx, [...buildRaw, ...records]);
    const freshIds = new Set(fresh.map((r) => r.rawId));
    const rows = normalize(fresh);
    await tx.write('ci_builds', builds.map((b, i) => buildRow(b, buildRaw[i].rawId)).filter((_r, i) => freshIds.has(buildRaw[i].rawId)));
    await tx.write('test_results', rows as Row[]);
    return rows.length;
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    engine: { type: 'string', default: 'duckdb' }, db: { type: 'string' }, from: { type: 'string', default: '0' },
    days: { type: 'string', default: '1' }, seed: { type: 'string', default: '13' }, 'no-store': { type: 'boolean', default: false },
    'builds-per-day': { type: 'string', default: '3000' }, 'memory-limit': { type: 'string' }, 'checkpoint-threshold': { type: 'string' },
  } });
  const year = new CiYear(Number(values.seed), Number(values['builds-per-day']));
  const store = values['no-store'] ? null : await openStore(values.db!, { engine: values.engine as Engine, memoryLimit: values['memory-limit'], checkpointThreshold: values['checkpoint-threshold'] });
  const t0 = performance.now();
  try {
    const from = Number(values.from);
    for (let day = from; day < from + Number(values.days); day++) {
      const fetchedAt = new Date(Date.UTC(2025, 0, 1) + (day + 1) * 86_400_000);
      let results = 0;
      let builds: Build[] = [];
      let records: RawRecord[] = [];
      let pending = 0;
      const all = year.builds(day);
      for (const b of all) {
        builds.push(b);
        records.push(...(await buildRecords(b, fetchedAt)));
        pending += b.junit ? b.repo.tests : 0;
        if (pending >= BATCH_RESULTS) {
          results += await writeBatch(store, builds, records, fetchedAt);
          [builds, records, pending] = [[], [], 0];
        }
      }
      if (builds.length) results += await writeBatch(store, builds, records, fetchedAt);
      process.stdout.write(`${JSON.stringify({ day, results, builds: all.length, ms: Math.round(performance.now() - t0) })}\n`);
    }
  } finally {
    await store?.close();
  }
}

await main();
