// The benchmark sets a DORA grade is read against: versioned data files beside this module
// (benchmarks/<id>.yaml, each citing the report it transcribes), and the pure grading of a
// figure against one of them. A grade always carries the set's id@version.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const BENCHMARK_IDS = ['dora-2024', 'dora-2023'] as const;
export type BenchmarkId = (typeof BENCHMARK_IDS)[number];
export type GradedMeasure = 'deployment_frequency' | 'lead_time' | 'change_failure_rate' | 'recovery_time';

interface Band { more_than?: number; at_least?: number; less_than?: number; at_most?: number; text: string; read_as?: string }
interface Nearest { value: number; text: string }
interface MeasureTable { unit: string; better: 'higher' | 'lower'; bands?: Record<string, Band>; nearest?: Record<string, Nearest> }

export interface Benchmark {
  id: BenchmarkId;
  version: number;
  title: string;
  source: { publisher: string; report: string; url: string; table: string; transcribed: string };
  levels: string[];
  measures: Record<GradedMeasure, MeasureTable>;
}

export interface Grade { level: string; text: string; benchmark: string }

const cache = new Map<string, Benchmark>();

export function loadBenchmark(id: BenchmarkId): Benchmark {
  let b = cache.get(id);
  if (!b) {
    const path = join(dirname(fileURLToPath(import.meta.url)), 'benchmarks', `${id}.yaml`);
    b = parse(readFileSync(path, 'utf8')) as Benchmark;
    if (b.id !== id) throw new Error(`${path}: id ${b.id} is not ${id}`);
    cache.set(id, b);
  }
  return b;
}

function inBand(v: number, b: Band): boolean {
  return (b.more_than === undefined || v > b.more_than) && (b.at_least === undefined || v >= b.at_least)
    && (b.less_than === undefined || v < b.less_than) && (b.at_most === undefined || v <= b.at_most);
}

/**
 * The level of `value` in the set: the first level (elite first) whose band holds it; for
 * a measure the table gives as one figure per level (change failure rate), the level of
 * the nearest figure. A value outside every band is graded below the last level.
 */
export function gradeOf(bench: Benchmark, measure: GradedMeasure, value: number | null): Grade | null {
  if (value === null || !Number.isFinite(value)) return null;
  const m = bench.measures[measure];
  const stamp = `${bench.id}@${bench.version}`;
  if (m.nearest) {
    let best: [string, Nearest] | null = null;
    for (const level of bench.levels) {
      const n = m.nearest[level];
      if (n && (!best || Math.abs(n.value - value) < Math.abs(best[1].value - value))) best = [level, n];
    }
    return best ? { level: best[0], text: `nearest published figure ${best[1].text}`, benchmark: stamp } : null;
  }
  for (const level of bench.levels) {
    const b = m.bands?.[level];
    if (b && inBand(value, b)) return { level, text: b.text, benchmark: stamp };
  }
  const last = bench.levels[bench.levels.length - 1];
  return { level: `below ${last}`, text: `outside every band of ${bench.id}`, benchmark: stamp };
}
