// Delivers workflow events: the spool first (oldest first), then the new ones, to a
// target (the configured server, a local server, or the local database). What cannot be
// delivered now is appended to the spool and delivered by the next shiplog command —
// never lost. An event the server refuses as invalid (400) is set aside in
// `<spool>.rejected` so it cannot block the queue.
import { ShiplogError, describeError } from '../lib/errors.ts';
import type { WorkflowEvent } from '../sources/workflow/events.ts';
import { pendingFiles, readSpool, rewriteSpool, setAside, withSpoolLock, writePending } from './spool.ts';

export interface DeliveryTarget {
  name: string; // for messages: the server URL or the database path
  /** Delivers events in order; returns how many were delivered before the first failure, and that failure. */
  send(events: WorkflowEvent[]): Promise<{ delivered: number; error?: unknown }>;
}

export interface DeliveryReport {
  delivered: number;
  spooled: number;
  setAside: number;
  error: string | null;
}

function refused(err: unknown): boolean {
  return err instanceof ShiplogError && err.code === 'bad_request';
}

export async function deliverEvents(target: DeliveryTarget, spoolPath: string, events: WorkflowEvent[]): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, spooled: 0, setAside: 0, error: null };
  const ran = await withSpoolLock(spoolPath, async () => {
    const pending = pendingFiles(spoolPath);
    const lines = readSpool(spoolPath);
    const bad = lines.filter((l) => !l.event);
    setAside(spoolPath, bad.map((l) => l.text), 'unreadable spool line');
    report.setAside += bad.length;
    let queue: WorkflowEvent[] = [...lines.flatMap((l) => (l.event ? [l.event] : [])), ...events];
    while (queue.length > 0) {
      const res = await target.send(queue);
      report.delivered += res.delivered;
      queue = queue.slice(res.delivered);
      if (res.error === undefined) break;
      if (refused(res.error) && queue.length > 0) {
        setAside(spoolPath, [JSON.stringify(queue[0])], describeError(res.error));
        report.setAside++;
        queue = queue.slice(1);
        continue;
      }
      report.error = `${target.name}: ${describeError(res.error)}`;
      break;
    }
    rewriteSpool(spoolPath, queue.map((e) => JSON.stringify(e)), pending);
    report.spooled = queue.length;
  });
  if (ran === null) {
    writePending(spoolPath, events); // another process is delivering: it (or the next command) takes these too
    report.spooled = events.length;
    report.error = `${spoolPath} is being delivered by another shiplog process`;
  }
  return report;
}

/** Whether a spool has anything waiting (cheap: run before every command). */
export function spoolPending(spoolPath: string): boolean {
  return readSpool(spoolPath).length > 0;
}
