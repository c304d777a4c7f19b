// Charts with Observable Plot (SVG): bars over UTC time buckets (each bar spans its whole
// bucket, stacked by series so none hides another), lines and points over time, and
// grouped or stacked bars over categories (horizontal when labels are many or long).
// Counts start at 0, both axes have titles, time axes say UTC, a legend names the
// series. Plot writes labels as text (d3 .text()), never as HTML.
import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'preact/hooks';

import type { Bucket, CategoryPoint, ChartKind, TimePoint } from './chart-types.ts';

export type { Bucket, CategoryPoint, ChartKind, TimePoint } from './chart-types.ts';

const INTERVAL: Record<Bucket, Plot.LiteralTimeInterval> = { hour: 'hour', day: 'day', week: 'monday', month: 'month', quarter: 'quarter', year: 'year' };
const TICK_FORMAT: Record<Bucket, string> = { hour: '%Y-%m-%d %H:%M', day: '%Y-%m-%d', week: '%Y-%m-%d', month: '%Y-%m', quarter: '%Y-%m', year: '%Y' };
/** The colour of a chart with one series (the first of observable10, readable on light and dark). */
const ONE = '#4269d0';
/** About one bucket, so a shared domain ends after the last bar, not at its start. */
function spanOf(bucket: Bucket): number {
  return { hour: DAY / 24, day: DAY, week: 7 * DAY, month: 31 * DAY, quarter: 92 * DAY, year: 366 * DAY }[bucket];
}
const STYLE = { background: 'transparent', color: 'currentColor', fontSize: '12px', overflow: 'visible' };

function Figure({ render, title, testId = 'chart' }: { render: (width: number) => Element; title: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let last = 0;
    const draw = () => {
      const width = Math.max(320, Math.floor(el.clientWidth));
      if (width === last) return;
      last = width;
      el.replaceChildren(render(width));
    };
    draw();
    const ro = new ResizeObserver(draw);
    ro.observe(el);
    return () => ro.disconnect();
  }, [render]);
  return (
    <figure class="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div ref={ref} class="plot" role="img" aria-label={title} />
    </figure>
  );
}

const DAY = 86_400_000;
const TICK_STEPS: [Plot.LiteralTimeInterval, number][] = [['hour', DAY / 24], ['6 hours', DAY / 4], ['day', DAY], ['monday', 7 * DAY], ['month', 30 * DAY], ['3 months', 91 * DAY], ['year', 365 * DAY], ['5 years', 5 * 365 * DAY]];

/** The finest tick interval that puts at most `max` ticks on [from, to] (bars set one tick per bar otherwise). */
export function tickInterval(from: number, to: number, max: number): Plot.LiteralTimeInterval {
  return (TICK_STEPS.find(([, step]) => (to - from) / step <= max) ?? TICK_STEPS[TICK_STEPS.length - 1])[0];
}

/** y ticks for counts: whole numbers only when the values are small. */
function countTicks(data: { value: number | null }[]): { ticks?: number } {
  const max = Math.max(0, ...data.map((d) => d.value ?? 0));
  return max > 0 && max < 6 && data.every((d) => Number.isInteger(d.value ?? 0)) ? { ticks: Math.ceil(max) } : {};
}

/** Series in the order they first appear (callers put the biggest first), "other" last. */
function seriesOrder<T extends { series: string }>(data: T[]): string[] {
  const names = [...new Set(data.map((d) => d.series))];
  return [...names.filter((n) => n !== 'other'), ...names.filter((n) => n === 'other')];
}

/** Values over UTC time buckets: stacked bars (default), lines or points. */
export function TimeChart({ data, bucket, kind = 'bars', title, yLabel, height = 280, domain }: {
  data: TimePoint[]; bucket: Bucket; kind?: ChartKind; title: string; yLabel: string; height?: number;
  /** The x range to show (e.g. shared by small multiples); default: the data's. */
  domain?: [Date, Date];
}) {
  const series = seriesOrder(data);
  const many = series.length > 1;
  const render = (width: number) => {
    const interval = INTERVAL[bucket];
    const marks: Plot.Markish[] = [Plot.ruleY([0])];
    const channels = { x: 't', y: 'value', ...(many ? { fill: 'series' } : {}) };
    if (kind === 'bars') {
      marks.push(Plot.rectY(data, { ...channels, interval, insetLeft: 0.5, insetRight: 0.5, tip: true, ...(many ? {} : { fill: ONE }) }));
    } else {
      const stroke = many ? { stroke: 'series' } : { stroke: ONE };
      if (kind === 'line') marks.push(Plot.lineY(data, { x: 't', y: 'value', ...stroke, z: 'series', strokeWidth: 1.8 }));
      marks.push(Plot.dot(data, { x: 't', y: 'value', ...(many ? { fill: 'series' } : { fill: ONE }), r: kind === 'points' ? 3 : 2, tip: true }));
    }
    const times = data.map((d) => d.t.getTime());
    const [from, to] = domain ? [domain[0].getTime(), domain[1].getTime()] : [Math.min(...times), Math.max(...times)];
    const ticks = tickInterval(from, to, Math.max(2, Math.floor(width / 105)));
    const fine = ticks === 'hour' || ticks === '6 hours';
    return Plot.plot({
      width, height, marginLeft: 56, marginBottom: 44, marginRight: 24, style: STYLE,
      x: {
        type: 'utc', label: `${bucket === 'week' ? 'week from Monday' : bucket} (UTC) →`, labelAnchor: 'right', ticks,
        tickFormat: fine ? TICK_FORMAT.hour : TICK_FORMAT[bucket === 'hour' ? 'day' : bucket], nice: false,
        ...(domain ? { domain: [domain[0], new Date(to + (kind === 'bars' ? spanOf(bucket) : 0))] } : {}),
      },
      y: { label: `↑ ${yLabel}`, grid: true, zero: true, nice: true, ...countTicks(data) },
      color: { legend: many, domain: series, scheme: 'observable10' },
      marks,
    });
  };
  return <Figure render={render} title={title} />;
}

/**
 * Values per category, one or more series: grouped bars side by side (default) or
 * stacked. Vertical while the labels fit side by side, horizontal otherwise.
 */
export function CategoryChart({ data, title, valueLabel, categoryLabel, layout = 'grouped', horizontal }: {
  data: CategoryPoint[]; title: string; valueLabel: string; categoryLabel: string; layout?: 'grouped' | 'stacked'; horizontal?: boolean;
}) {
  const categories = [...new Set(data.map((d) => d.category))];
  const series = seriesOrder(data);
  const many = series.length > 1;
  const longest = Math.max(0, ...categories.map((c) => c.length));
  const render = (width: number) => {
    // Across (horizontal bars) when the labels would not fit side by side under the bars.
    const across = horizontal ?? categories.length * (longest * 7 + 12) > width - 80;
    const grouped = many && layout === 'grouped';
    const fill = many ? 'series' : ONE;
    const color = { legend: many, domain: series, scheme: 'observable10' as const };
    if (across) {
      const rowH = grouped ? 10 * series.length + 8 : 22;
      return Plot.plot({
        width, height: Math.max(120, categories.length * rowH + 60), marginLeft: Math.min(260, 12 + longest * 6.5), style: STYLE,
        x: { label: `${valueLabel} →`, grid: true, zero: true, nice: true, axis: 'top', ...countTicks(data) },
        y: grouped ? { axis: null, domain: series } : { label: null, domain: categories },
        ...(grouped ? { fy: { label: categoryLabel, domain: categories, padding: 0.15 } } : {}),
        color,
        marks: [
          Plot.ruleX([0]),
          grouped
            ? Plot.barX(data, { fy: 'category', y: 'series', x: 'value', fill, tip: true })
            : Plot.barX(data, { y: 'category', x: 'value', fill, tip: true }),
        ],
      });
    }
    return Plot.plot({
      width, height: 300, marginLeft: 56, marginBottom: 48, style: STYLE,
      x: grouped ? { axis: null, domain: series, paddingInner: 0.05 } : { label: categoryLabel, domain: categories, padding: 0.2 },
      ...(grouped ? { fx: { label: categoryLabel, domain: categories, padding: 0.2 } } : {}),
      y: { label: `↑ ${valueLabel}`, grid: true, zero: true, nice: true, ...countTicks(data) },
      color,
      marks: [
        Plot.ruleY([0]),
        grouped
          ? Plot.barY(data, { fx: 'category', x: 'series', y: 'value', fill, tip: true })
          : Plot.barY(data, { x: 'category', y: 'value', fill, tip: true }),
      ],
    });
  };
  return <Figure render={render} title={title} />;
}
