// Explore answers → chart data: x values (bucket starts in Unix seconds, or category
// indexes) and one series per group, the biggest groups first. Pure, tested in node.

export interface Series {
  label: string;
  values: (number | null)[];
}

/** Rows of an explore answer (bucket?, group columns…, value) → x and one series per group. */
export function pivot(rows: Record<string, unknown>[], groupCols: string[], bucketed: boolean, maxSeries = 10): { x: number[]; series: Series[]; categories?: string[] } {
  const nameOf = (r: Record<string, unknown>) => (groupCols.length ? groupCols.map((g) => String(r[g] ?? '∅')).join(' / ') : 'value');
  if (!bucketed) {
    const categories = rows.map((r) => (groupCols.length ? nameOf(r) : 'all'));
    return { x: rows.map((_, i) => i), series: [{ label: 'value', values: rows.map((r) => Number(r.value ?? 0)) }], categories };
  }
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(nameOf(r), (totals.get(nameOf(r)) ?? 0) + Number(r.value ?? 0));
  const names = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, maxSeries).map(([n]) => n);
  const xs = [...new Set(rows.map((r) => new Date(String(r.bucket)).getTime() / 1000))].sort((a, b) => a - b);
  const index = new Map(xs.map((v, i) => [v, i]));
  const series = names.map((label) => ({ label, values: xs.map(() => 0 as number | null) }));
  const byName = new Map(series.map((s) => [s.label, s]));
  for (const r of rows) {
    const s = byName.get(nameOf(r));
    const i = index.get(new Date(String(r.bucket)).getTime() / 1000);
    if (s && i !== undefined) s.values[i] = Number(r.value ?? 0);
  }
  return { x: xs, series };
}
