// Request counts and latency per route, kept by one middleware per app (no module-level
// state), rendered with the store's figures as Prometheus text by GET /metrics.
import type { MiddlewareHandler } from 'hono';

export const LATENCY_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface RouteFigures {
  buckets: number[];
  sum: number;
  count: number;
}

export class RequestStats {
  readonly counts = new Map<string, number>();
  readonly latency = new Map<string, RouteFigures>();

  observe(method: string, routePath: string, status: number, seconds: number): void {
    const countKey = JSON.stringify([method, routePath, String(status)]);
    this.counts.set(countKey, (this.counts.get(countKey) ?? 0) + 1);
    const latKey = JSON.stringify([method, routePath]);
    const f = this.latency.get(latKey) ?? { buckets: LATENCY_BUCKETS_S.map(() => 0), sum: 0, count: 0 };
    LATENCY_BUCKETS_S.forEach((b, i) => {
      if (seconds <= b) f.buckets[i]++;
    });
    f.sum += seconds;
    f.count++;
    this.latency.set(latKey, f);
  }

  middleware(now: () => number = () => performance.now()): MiddlewareHandler {
    return async (c, next) => {
      const started = now();
      await next();
      // routePath is the matched pattern (/api/tree/:key{.+}), so keys stay few.
      const path = c.res.status === 404 && c.req.routePath === '/*' ? '(unmatched)' : c.req.routePath;
      this.observe(c.req.method, path, c.res.status, (now() - started) / 1000);
    };
  }
}

/** A Prometheus label value: backslash, quote and newline escaped. */
export function label(v: string): string {
  return `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}

export function renderRequestStats(stats: RequestStats): string[] {
  const out = [
    '# HELP shiplog_http_requests_total HTTP requests answered, by method, route and status.',
    '# TYPE shiplog_http_requests_total counter',
  ];
  for (const [k, n] of stats.counts) {
    const [method, route, status] = JSON.parse(k) as string[];
    out.push(`shiplog_http_requests_total{method=${label(method)},route=${label(route)},status=${label(status)}} ${n}`);
  }
  out.push('# HELP shiplog_http_request_duration_seconds Time to answer, by method and route.', '# TYPE shiplog_http_request_duration_seconds histogram');
  for (const [k, f] of stats.latency) {
    const [method, route] = JSON.parse(k) as string[];
    const l = `method=${label(method)},route=${label(route)}`;
    LATENCY_BUCKETS_S.forEach((b, i) => out.push(`shiplog_http_request_duration_seconds_bucket{${l},le="${b}"} ${f.buckets[i]}`));
    out.push(`shiplog_http_request_duration_seconds_bucket{${l},le="+Inf"} ${f.count}`);
    out.push(`shiplog_http_request_duration_seconds_sum{${l}} ${f.sum}`, `shiplog_http_request_duration_seconds_count{${l}} ${f.count}`);
  }
  return out;
}
