// Change and task references inside a SAL message: scap backport's
// `Backport for [[gerrit:N|subject (T1 T2)]], [[gerrit:M|…]]` (scap/backport.py _build_sal),
// `[[gerrit:N|…]]` and `{{gerrit|N}}` typed by deployers, Gerrit URLs, and `T123` task ids.
// Pure: text in, references out, in order of appearance, each once.

export interface ChangeRef {
  number: number;
  subject: string | null;
  tasks: string[]; // the "(T1 T2)" scap appends to a backport item's subject
}

const GERRIT_MARKUP = /\[\[gerrit:(\d+)(?:\|)?/g;
const GERRIT_TEMPLATE = /\{\{\s*gerrit\s*\|\s*(\d+)\s*\}\}/gi;
const GERRIT_URL = /gerrit\.wikimedia\.org\/r\/(?:#\/)?(?:c\/(?:[\w./-]+\/\+\/)?)?(\d{2,})\b/g;
const TASK = /(?<![\w-])T([1-9]\d{0,6})\b/g;
const ITEM_TASKS = / \((T\d+(?: T\d+)*)\)$/;

/**
 * The `[[gerrit:N|subject]]` items of a message. A subject may itself contain "]]" or
 * "[[" (scap does not escape it), so an item runs to the next `]], [[gerrit:` or the
 * last `]]`, not to the first `]]`.
 */
export function gerritItems(text: string): ChangeRef[] {
  if (!text.includes('[[gerrit:')) return [];
  const starts = [...text.matchAll(GERRIT_MARKUP)];
  const out: ChangeRef[] = [];
  starts.forEach((m, i) => {
    const bodyStart = m.index + m[0].length;
    const next = i + 1 < starts.length ? starts[i + 1].index : text.length;
    let body = text.slice(bodyStart, next);
    const close = body.lastIndexOf(']]');
    body = close >= 0 ? body.slice(0, close) : body;
    const hasSubject = m[0].endsWith('|');
    const subject = hasSubject ? body.trim() : null;
    const tasks = subject ? (ITEM_TASKS.exec(subject)?.[1].split(' ') ?? []) : [];
    out.push({ number: Number(m[1]), subject: subject && tasks.length ? subject.replace(ITEM_TASKS, '') : subject, tasks });
  });
  return out;
}

/** Every change a message names, by markup, template or URL, first mention first. */
export function changeRefs(text: string): ChangeRef[] {
  const byNumber = new Map<number, ChangeRef>();
  for (const ref of gerritItems(text)) if (!byNumber.has(ref.number)) byNumber.set(ref.number, ref);
  const lower = text.includes('{{') || text.includes('gerrit.wikimedia.org');
  for (const re of lower ? [GERRIT_TEMPLATE, GERRIT_URL] : []) {
    for (const m of text.matchAll(re)) {
      const n = Number(m[1]);
      if (!byNumber.has(n)) byNumber.set(n, { number: n, subject: null, tasks: [] });
    }
  }
  return [...byNumber.values()];
}

/** Every Phabricator task id (`T123`, `[[phab:T123]]`, a task URL), first mention first. */
export function taskRefs(text: string): string[] {
  if (!text.includes('T')) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(TASK)) out.add(`T${m[1]}`);
  return [...out];
}
