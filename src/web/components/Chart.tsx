// uPlot charts: time series (x = bucket start) or categories (x = index, labelled).
// Labels reach uPlot as plain strings; it writes them with textContent.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

import type { Series } from '../lib/pivot.ts';

export type { Series } from '../lib/pivot.ts';
export { pivot } from '../lib/pivot.ts';

export type ChartKind = 'line' | 'bars' | 'points';

const COLORS = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6', '#dd4477', '#66aa00', '#b82e2e', '#316395'];

export interface ChartProps {
  /** Unix seconds for time charts; indexes for category charts. */
  x: number[];
  series: Series[];
  kind?: ChartKind;
  categories?: string[];
  height?: number;
  title?: string;
}

function paths(kind: ChartKind, i: number, n: number) {
  if (kind === 'bars') {
    const width = Math.max(0.15, 0.8 / Math.max(1, n));
    return uPlot.paths.bars!({ size: [width, 60], align: 0, gap: 1 + i });
  }
  return undefined;
}

export function Chart({ x, series, kind = 'line', categories, height = 260, title }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const width = Math.max(320, el.clientWidth || 800);
    const opts: uPlot.Options = {
      title, width, height,
      scales: { x: { time: !categories } },
      axes: [
        categories ? { values: (_u, splits) => splits.map((v) => categories[v] ?? ''), rotate: 0, gap: 4 } : {},
        {},
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: COLORS[i % COLORS.length],
          fill: kind === 'bars' ? `${COLORS[i % COLORS.length]}99` : undefined,
          width: kind === 'points' ? 0 : 2,
          points: { show: kind === 'points' || x.length < 30, size: kind === 'points' ? 7 : 5 },
          paths: paths(kind, i, series.length),
        })),
      ],
    };
    const plot = new uPlot(opts, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    const onResize = () => plot.setSize({ width: Math.max(320, el.clientWidth), height });
    addEventListener('resize', onResize);
    return () => {
      removeEventListener('resize', onResize);
      plot.destroy();
    };
  }, [x, series, kind, categories, height, title]);
  if (x.length === 0) return <p class="empty">Nothing to chart yet.</p>;
  return <div class="chart" ref={ref} data-testid="chart" />;
}
