// Explore answers → chart points (long form, as the charts take them): over time, one
// series per group with the smallest groups summed into "other" so stacked totals stay
// right; over categories, the first group as the category and the rest as the series.
// Pure, tested in node.
import type { CategoryPoint, TimePoint } from '../components/chart-types.ts';

type Label = (column: string, value: unknown) => string;
const plain: Label = (_c, v) => (v === null || v === undefined || v === '' ? '∅' : String(v));

/** Rows (bucket, group columns…, value) → points per bucket and series, zero-filled. */
export function timePoints(rows: Record<string, unknown>[], groupCols: string[], maxSeries = 8, label: Label = plain): TimePoint[] {
  const nameOf = (r: Record<string, unknown>) => (groupCols.length ? groupCols.map((g) => label(g, r[g])).join(' / ') : 'count');
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(nameOf(r), (totals.get(nameOf(r)) ?? 0) + Number(r.value ?? 0));
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([n]) => n);
  const keep = new Set(ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked);
  const sums = new Map<string, number>();
  const times = new Set<number>();
  for (const r of rows) {
    const t = new Date(String(r.bucket)).getTime();
    if (Number.isNaN(t)) continue;
    times.add(t);
    const s = keep.has(nameOf(r)) ? nameOf(r) : 'other';
    sums.set(`${t}|${s}`, (sums.get(`${t}|${s}`) ?? 0) + Number(r.value ?? 0));
  }
  const names = [...keep, ...(ranked.length > keep.size ? ['other'] : [])];
  const out: TimePoint[] = [];
  for (const t of [...times].sort((a, b) => a - b)) {
    for (const s of names) out.push({ t: new Date(t), series: s, value: sums.get(`${t}|${s}`) ?? 0 });
  }
  return out;
}

/** Rows (group columns…, value) → one category per value of the first group, a series per the rest. */
export function categoryPoints(rows: Record<string, unknown>[], groupCols: string[], maxCategories = 40, label: Label = plain): CategoryPoint[] {
  const [first, ...rest] = groupCols;
  const points = rows.map((r) => ({
    category: first ? label(first, r[first]) : 'all',
    series: rest.length ? rest.map((g) => label(g, r[g])).join(' / ') : 'value',
    value: r.value === null || r.value === undefined ? null : Number(r.value),
  }));
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.category, (totals.get(p.category) ?? 0) + (p.value ?? 0));
  const keep = new Set([...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, maxCategories).map(([c]) => c));
  return points.filter((p) => keep.has(p.category));
}
