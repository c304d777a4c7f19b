// Progress bars on a TTY (stderr), nothing with --json or without a TTY.
import cliProgress from 'cli-progress';

export interface ProgressEvent {
  source: string;
  scope: string;
  done: number;
  total?: number;
}

export function createProgress(enabled: boolean): { update(ev: ProgressEvent): void; stop(): void } {
  if (!enabled) return { update() {}, stop() {} };
  const multi = new cliProgress.MultiBar(
    { format: ' {bar} {percentage}% | {value}/{total} | {label}', hideCursor: true, clearOnComplete: false, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    update(ev) {
      const label = `${ev.source} ${ev.scope}`;
      let bar = bars.get(label);
      if (!bar) {
        bar = multi.create(ev.total ?? ev.done, 0, { label });
        bars.set(label, bar);
      }
      if (ev.total !== undefined) bar.setTotal(ev.total);
      bar.update(ev.done, { label });
    },
    stop() {
      multi.stop();
    },
  };
}
