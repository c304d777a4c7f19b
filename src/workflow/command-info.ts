// What a wrapped deploy command carries, read from its arguments: the kind of deploy
// (scap backport / sync-file / sync-world / deploy-promote / scap3 deploy), the change
// numbers (`scap backport 12345 https://gerrit…/+/67890`, `[[gerrit:N|…]]` in a message)
// and the tasks ("SWAT: subject (T123)", `Bug: T1`, any T<digits>). Pure.

export interface CommandInfo {
  kind: string;
  message: string | null;
  changes: number[];
  tasks: string[];
}

const GERRIT_URL = /gerrit\.wikimedia\.org\/r\/(?:c\/[^\s]*?\/\+\/|#\/c\/|\+\/)?(\d+)/;

function kindOf(args: string[]): string {
  const [prog, sub] = [args[0]?.split('/').pop() ?? '', args[1] ?? ''];
  if (prog !== 'scap') return prog === 'sync-file' || prog === 'sync-dir' ? 'sync-file' : 'other';
  if (sub === 'backport') return 'backport';
  if (sub === 'sync-file' || sub === 'sync-dir') return 'sync-file';
  if (sub === 'sync-world' || sub === 'sync') return 'sync-world';
  if (sub === 'deploy-promote' || sub === 'train') return 'train-promote';
  if (sub === 'deploy') return 'scap3-deploy';
  if (sub === 'sync-wikiversions') return 'sync-wikiversions';
  return `scap-${sub || 'other'}`;
}

export function readCommand(args: string[]): CommandInfo {
  const kind = kindOf(args);
  const changes = new Set<number>();
  const tasks = new Set<string>();
  // the message is the last argument that is not an option, a path or a number (scap's {msg})
  const operands = args.slice(2).filter((a) => !a.startsWith('-'));
  if (kind === 'backport') {
    for (const a of operands) {
      const n = /^\d+$/.test(a) ? Number(a) : Number(GERRIT_URL.exec(a)?.[1] ?? NaN);
      if (n > 0) changes.add(n);
    }
  }
  const message = kind === 'backport' ? null : (operands.filter((a) => /\s/.test(a) || !/^[\w./-]+$/.test(a)).pop() ?? null);
  const text = args.join(' ');
  for (const m of text.matchAll(/\[\[gerrit:(\d+)(?:\|[^\]]*)?\]\]/g)) changes.add(Number(m[1]));
  for (const m of text.matchAll(new RegExp(GERRIT_URL, 'g'))) changes.add(Number(m[1]));
  for (const m of text.matchAll(/(?<![\w/])T(\d{2,})\b/g)) tasks.add(`T${m[1]}`);
  return { kind, message, changes: [...changes], tasks: [...tasks] };
}

/** "12345", "12345,67890", a Gerrit URL → change numbers; null when something is not one. */
export function parseChangeList(text: string): number[] | null {
  const out: number[] = [];
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const n = /^\d+$/.test(part) ? Number(part) : Number(GERRIT_URL.exec(part)?.[1] ?? NaN);
    if (!(n > 0)) return null;
    out.push(n);
  }
  return out;
}

/** "T123", "123", "T1,T2" → task ids; null when something is not one. */
export function parseTaskList(text: string): string[] | null {
  const out: string[] = [];
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const m = /^T?(\d+)$/i.exec(part);
    if (!m) return null;
    out.push(`T${m[1]}`);
  }
  return out;
}

/** Whether scap's output shows the testserver step (FORMATS.md §1.2 testservers). */
export function sawTestservers(output: string): boolean {
  return /synced to the testservers/.test(output);
}
