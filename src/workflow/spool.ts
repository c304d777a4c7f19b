// The local spool: workflow events that could not be delivered yet, one JSON line each,
// in the order they happened. Delivery takes a lock file so two shiplog processes do not
// deliver (and rewrite) the same spool at once; a process that finds the lock taken
// writes its events to a side file `<spool>.<time>-<pid>.pending` instead, which the
// holder (or the next delivery) reads after the spool and deletes only once read. Files
// are written through a temp file + rename, so a kill never leaves half a line.
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseEvent, type WorkflowEvent } from '../sources/workflow/events.ts';

export interface SpoolLine {
  event: WorkflowEvent | null; // null: the line does not parse (kept aside, never dropped)
  text: string;
  line: number;
}

function linesOf(file: string): SpoolLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').map((text, i) => ({ text, line: i + 1 })).filter((l) => l.text.trim() !== '')
    .map((l) => {
      const e = parseEvent(l.text);
      return { ...l, event: typeof e === 'string' ? null : e };
    });
}

/** Side files written while the spool was locked, oldest first. */
export function pendingFiles(path: string): string[] {
  const dir = dirname(path);
  if (!existsSync(dir)) return [];
  const prefix = `${basename(path)}.`;
  return readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.pending')).sort().map((f) => join(dir, f));
}

/** Everything waiting: the spool, then the side files. */
export function readSpool(path: string): SpoolLine[] {
  return [path, ...pendingFiles(path)].flatMap(linesOf);
}

/** Writes events to a new side file (used when another process holds the spool lock). */
export function writePending(path: string, events: WorkflowEvent[]): void {
  if (events.length === 0) return;
  mkdirSync(dirname(path), { recursive: true });
  const file = `${path}.${String(Date.now()).padStart(15, '0')}-${process.pid}.pending`;
  writeFileSync(`${file}.tmp`, events.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function appendSpool(path: string, events: WorkflowEvent[]): void {
  if (events.length === 0) return;
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, events.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600 });
}

/** Replaces the spool with the given lines (removes it when none are left), then deletes the side files already read. */
export function rewriteSpool(path: string, lines: string[], readPending: string[] = []): void {
  if (lines.length === 0) {
    rmSync(path, { force: true });
  } else {
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, lines.map((l) => `${l}\n`).join(''), { mode: 0o600 });
    renameSync(tmp, path);
  }
  for (const f of readPending) rmSync(f, { force: true });
}

/** Lines that can never be delivered (bad JSON, refused by the server) go here, not away. */
export function setAside(path: string, lines: string[], reason: string): void {
  if (lines.length === 0) return;
  appendFileSync(`${path}.rejected`, lines.map((l) => `${JSON.stringify({ reason, line: l })}\n`).join(''), { mode: 0o600 });
}

/** Runs fn holding `<spool>.lock`; returns null without running when another process holds it. */
export async function withSpoolLock<T>(path: string, fn: () => Promise<T>): Promise<T | null> {
  const lock = `${path}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch {
    // held by another shiplog process; a lock older than 2 minutes is from a killed one
    if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { force: true });
    return null;
  }
  try {
    return await fn();
  } finally {
    closeSync(fd);
    rmSync(lock, { force: true });
  }
}
