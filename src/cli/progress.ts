// Progress on a TTY (stderr): one bar per source with count, rate and ETA, the scope it
// is on by name (a folder's base name, never a temporary path), and a status line whose
// clock keeps ticking through the stretches no source reports on (deriving, rollups,
// cleanup), so the screen is never still for more than a fraction of a second. Sources
// run one after another: when one starts, the bars before it freeze with their figures.
// Disabled (--json, no TTY): log lines pass through, everything else is dropped.
import { basename } from 'node:path';

export interface ProgressEvent {
  source: string;
  scope: string;
  done: number;
  total?: number;
}

export interface Progress {
  update(ev: ProgressEvent): void;
  /** What is happening now, shown with a ticking timer until the next status. */
  status(text: string | null): void;
  /** A permanent line printed above the bars. */
  log(line: string): void;
  stop(): void;
}

interface SourceBar {
  source: string;
  scopes: Map<string, { done: number; total?: number }>;
  scope: string;
  startedAt: number;
  lastAt: number;
  /** Set when another source starts (sources run one after another) or at stop: the bar freezes. */
  endedAt?: number;
}

const REDRAW_MS = 250;
const BAR = 20;

/** A scope as people know it: a path's base name (without .git), a URL's host and path. */
export function scopeLabel(scope: string): string {
  if (/^https?:\/\//.test(scope)) return scope.replace(/^https?:\/\//, '').replace(/\/$/, '');
  if (scope.includes('/')) return basename(scope.replace(/\/+$/, '')).replace(/\.git$/, '');
  return scope;
}

export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function fit(line: string, width: number): string {
  return line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
}

/** One bar's text at time `now` (ms). Pure, for tests. */
export function renderBar(b: SourceBar, now: number, nameWidth: number): string {
  let done = 0;
  let total: number | undefined = 0;
  for (const s of b.scopes.values()) {
    done += s.done;
    total = total === undefined || s.total === undefined ? undefined : total + Math.max(s.total, s.done);
  }
  const ended = b.endedAt !== undefined;
  const elapsed = ((b.endedAt ?? now) - b.startedAt) / 1000;
  const rate = elapsed > 0.5 ? done / elapsed : undefined;
  const name = b.source.padEnd(nameWidth);
  const count = total === undefined ? `${done.toLocaleString('en-US')}` : `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
  const rateText = rate === undefined ? '' : `  ${rate >= 10 ? Math.round(rate).toLocaleString('en-US') : rate.toFixed(1)}/s`;
  let bar: string;
  let eta = '';
  if (total !== undefined && total > 0) {
    const frac = Math.min(1, done / total);
    const filled = Math.round(frac * BAR);
    bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}] ${String(Math.round(frac * 100)).padStart(3)}%`;
    if (!ended && done < total && rate) eta = `  ETA ${formatDuration((total - done) / rate)}`;
    else if (ended || done >= total) eta = `  ${formatDuration(elapsed)}`;
  } else {
    bar = ended ? `[${'█'.repeat(BAR)}] done` : `[${'·'.repeat(BAR)}]     `;
    eta = `  ${formatDuration(elapsed)}`;
  }
  const quiet = (now - b.lastAt) / 1000;
  const working = !ended && quiet >= 2 && done < (total ?? Infinity) ? `  (working ${formatDuration(quiet)})` : '';
  return `${name} ${bar}  ${count}${rateText}${eta}  ${scopeLabel(b.scope)}${working}`;
}

export function createProgress(opts: {
  enabled: boolean;
  write: (text: string) => void;
  clock: () => number;
  columns?: () => number | undefined;
}): Progress {
  if (!opts.enabled) {
    return { update() {}, status() {}, log: (line) => opts.write(`${line}\n`), stop() {} };
  }
  const bars = new Map<string, SourceBar>();
  let statusText: string | null = null;
  let statusSince = 0;
  let drawn = 0;
  const width = () => opts.columns?.() ?? process.stderr.columns ?? 100;

  const lines = (): string[] => {
    const now = opts.clock();
    const nameWidth = Math.max(0, ...[...bars.keys()].map((k) => k.length));
    const out = [...bars.values()].map((b) => renderBar(b, now, nameWidth));
    if (statusText) out.push(`${statusText} … ${formatDuration((now - statusSince) / 1000)}`);
    return out.map((l) => fit(l, width() - 1));
  };
  const clear = () => {
    if (drawn > 0) opts.write(`\x1b[${drawn}A\x1b[0J`);
    drawn = 0;
  };
  const draw = () => {
    clear();
    const ls = lines();
    if (ls.length) opts.write(`${ls.join('\n')}\n`);
    drawn = ls.length;
  };
  const timer = setInterval(draw, REDRAW_MS);
  timer.unref();

  return {
    update(ev) {
      const now = opts.clock();
      for (const other of bars.values()) if (other.source !== ev.source) other.endedAt ??= other.lastAt;
      let b = bars.get(ev.source);
      if (!b) bars.set(ev.source, (b = { source: ev.source, scopes: new Map(), scope: ev.scope, startedAt: now, lastAt: now }));
      b.endedAt = undefined;
      b.scopes.set(ev.scope, { done: ev.done, total: ev.total });
      b.scope = ev.scope;
      b.lastAt = now;
    },
    status(text) {
      statusText = text;
      statusSince = opts.clock();
      draw();
    },
    log(line) {
      clear();
      opts.write(`${line}\n`);
      draw();
    },
    stop() {
      clearInterval(timer);
      statusText = null;
      for (const b of bars.values()) b.endedAt ??= b.lastAt;
      draw(); // the final state of every bar stays on screen
      drawn = 0;
    },
  };
}
