// The git processes the demo writes its world with. A demo stopped by a signal kills them
// before it removes its temporary folder: left running, they wrote into it again after it went.
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();

/** Keeps `child` until it exits; returns it. */
export function track<T extends ChildProcess>(child: T): T {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Kills every tracked process still running. */
export function killTracked(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}
