// References in an incident report: Phabricator tasks (`[[phab:T123]]`, `{{phab|T123}}`,
// `phabricator:T123`, task URLs, bare `T123`), Gerrit changes (`[[gerrit:N]]`,
// `{{gerrit|N}}`, change URLs) and SAL permalinks (`[[toolforge:sal/log/<id>|…]]`,
// sal.toolforge.org/log/<id>, tools.wmflabs.org/sal/log/<id>), each with the line that
// names it (the evidence). Task regex after zeljkofilipin/incident-documentation lib/data.rb.

export interface Ref<T> {
  value: T;
  line: string;
}

const TASK = /(?:\[\[phab:|\{\{phab(?:ricator)?\||phabricator:|phabricator\.wikimedia\.org\/)?\b(T\d{3,})\b/g;
const CHANGE = [
  /\[\[gerrit:(\d+)(?:\|[^\]]*)?\]\]/g,
  /\{\{gerrit\|(\d+)[^}]*\}\}/g,
  /gerrit\.wikimedia\.org\/r\/(?:c\/[^\s\]|]*?\/\+\/|#\/c\/|\+\/)?(\d{3,})\b/g,
];
const SAL = [/\[\[toolforge:sal\/log\/([\w-]+)/g, /(?:sal\.toolforge\.org|tools\.wmflabs\.org\/sal)\/log\/([\w-]+)/g];

function collect<T>(lines: string[], res: RegExp[], map: (m: RegExpMatchArray) => T | null): Ref<T>[] {
  const seen = new Set<string>();
  const out: Ref<T>[] = [];
  for (const line of lines) {
    for (const re of res) {
      for (const m of line.matchAll(re)) {
        const v = map(m);
        if (v === null || seen.has(String(v))) continue;
        seen.add(String(v));
        out.push({ value: v, line: line.trim().slice(0, 500) });
      }
    }
  }
  return out;
}

export function findRefs(text: string): { tasks: Ref<string>[]; changes: Ref<number>[]; sal: Ref<string>[] } {
  const lines = text.split('\n');
  return {
    tasks: collect(lines, [TASK], (m) => m[1]),
    changes: collect(lines, CHANGE, (m) => (Number(m[1]) > 0 ? Number(m[1]) : null)),
    sal: collect(lines, SAL, (m) => m[1]),
  };
}
