// Commit-message footers, as Gerrit and Wikimedia write them: `Bug: T123` (one or
// several per line or several lines; real history also has `Bug:T1`, `bug: T1, T2`,
// `Bug: T1.`), legacy Bugzilla `Bug: 12345`, `Change-Id: I<40 hex>`, `Depends-On: I…`,
// and `This reverts commit <sha>.` Pure: text in, fields out.

export interface Footers {
  bugTasks: string[];
  bugLegacy: string[];
  bugLines: { task: string; line: string }[];
  changeId: string | null;
  dependsOn: string[];
  revertsSha: string | null;
}

const BUG_LINE = /^\s*bug:\s*(?:bug:\s*)?(.+)$/i;
const CHANGE_ID = /^\s*Change-Id:\s*(I[0-9a-f]{40})\s*$/im;
const DEPENDS_ON = /^\s*Depends-On:\s*(I[0-9a-f]{40})\s*$/gim;
const REVERTS = /This reverts commit ([0-9a-f]{7,40})/;

export function parseFooters(message: string): Footers {
  const bugTasks: string[] = [];
  const bugLegacy: string[] = [];
  const bugLines: { task: string; line: string }[] = [];
  for (const raw of message.split('\n')) {
    const m = BUG_LINE.exec(raw);
    if (!m) continue;
    const line = raw.trim();
    const value = m[1];
    const tasks = value.match(/\bT\d+/g);
    if (tasks) {
      for (const t of tasks) {
        if (!bugTasks.includes(t)) {
          bugTasks.push(t);
          bugLines.push({ task: t, line });
        }
      }
    } else {
      for (const n of value.match(/^\s*(\d+(?:[\s,]+\d+)*)\s*$/)?.[1].match(/\d+/g) ?? []) {
        if (!bugLegacy.includes(n)) bugLegacy.push(n);
      }
    }
  }
  const dependsOn = [...message.matchAll(DEPENDS_ON)].map((m) => m[1]);
  return {
    bugTasks,
    bugLegacy,
    bugLines,
    changeId: CHANGE_ID.exec(message)?.[1] ?? null,
    dependsOn,
    revertsSha: REVERTS.exec(message)?.[1] ?? null,
  };
}
