// What zuul/layout.yaml (Zuul v2) says about each project: its templates and the PHP
// versions its jobs run. A line scanner for the two sections that matter, `project-templates:`
// and `projects:`, in the block style the file has used since 2014 (and the one-line
// `- { name: …, test: [...] }` form): parsing 12,000 lines with a YAML parser at each of
// 6,000 versions would take minutes. Pure. The real-mirror test checks it against a
// YAML parse of the file at HEAD.

export interface ProjectEntry {
  templates: string[];
  /** Jobs per pipeline listed on the project itself. */
  jobs: Map<string, string[]>;
}

export interface Layout {
  templates: Map<string, Map<string, string[]>>; // template → pipeline → jobs
  projects: Map<string, ProjectEntry>;
}

/** Pipelines whose jobs test the default branch (release-branch pipelines such as test-1_43 are not). */
export const MAIN_PIPELINES = new Set(['test', 'gate-and-submit', 'php', 'postmerge', 'gate-and-submit-wmf']);

const unquote = (s: string) => s.trim().replace(/^['"]|['"]$/g, '');
const stripComment = (s: string) => s.replace(/\s+#.*$/, '');

function flowList(text: string): string[] {
  const m = /^\[(.*)\]$/.exec(text.trim());
  return m ? m[1].split(',').map(unquote).filter(Boolean) : [];
}

/** Parses the `key: value` pairs of a one-line flow mapping `{ name: x, test: ['a', 'b'] }`. */
function flowMapping(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const body = text.trim().replace(/^\{|\}$/g, '');
  const re = /([\w-]+)\s*:\s*(\[[^\]]*\]|[^,]+)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out.set(m[1], m[2].trim());
  return out;
}

export function parseLayout(lines: readonly string[]): Layout {
  const layout: Layout = { templates: new Map(), projects: new Map() };
  let section = '';
  let item: { name: string; pipelines: Map<string, string[]>; templates: string[] } | null = null;
  let key = ''; // the key (indented 3–5 spaces) the list lines below it belong to
  const close = () => {
    if (!item) return;
    if (section === 'project-templates') layout.templates.set(item.name, item.pipelines);
    else layout.projects.set(item.name, { templates: item.templates, jobs: item.pipelines });
    item = null;
  };
  for (const raw of lines) {
    if (raw.length === 0 || raw[0] === '#') continue;
    if (raw[0] !== ' ') {
      close();
      section = raw.replace(/:.*$/, '');
      continue;
    }
    if (section !== 'projects' && section !== 'project-templates') continue;
    const line = stripComment(raw);
    if (line.startsWith('  - ')) {
      close();
      const rest = line.slice(4).trim();
      if (rest.startsWith('{')) {
        const map = flowMapping(rest);
        const name = unquote(map.get('name') ?? '');
        if (!name) continue;
        item = { name, pipelines: new Map(), templates: [] };
        for (const [k, v] of map) {
          if (k === 'template') item.templates.push(...flowList(v).map((t) => unquote(t.replace(/^name:\s*/, ''))));
          else if (k !== 'name') item.pipelines.set(k, flowList(v));
        }
        close();
      } else if (rest.startsWith('name:')) {
        item = { name: unquote(rest.slice(5)), pipelines: new Map(), templates: [] };
        key = '';
      }
      continue;
    }
    if (!item) continue;
    const cur = item as { name: string; pipelines: Map<string, string[]>; templates: string[] };
    const keyMatch = /^ {3,5}([\w-]+):\s*(.*)$/.exec(line);
    if (keyMatch) {
      key = keyMatch[1];
      const value = keyMatch[2].trim();
      if (key !== 'template' && key !== 'name') cur.pipelines.set(key, value.startsWith('[') ? flowList(value) : []);
      continue;
    }
    const listMatch = /^ {3,}- (.*)$/.exec(line);
    if (listMatch) {
      const v = listMatch[1].trim();
      if (key === 'template') {
        const t = /^name:\s*(.+)$/.exec(v) ?? /^\{\s*name:\s*([^,}]+)/.exec(v);
        if (t) cur.templates.push(unquote(t[1]));
      } else if (key && cur.pipelines.has(key)) {
        cur.pipelines.get(key)!.push(unquote(v.replace(/^name:\s*/, '')));
      }
    }
  }
  close();
  return layout;
}

/** PHP versions the jobs of a project (its own and its templates') run on the main branch: "8.1,8.3". */
export function phpVersions(layout: Layout, p: ProjectEntry): string {
  const found = new Set<string>();
  const scan = (pipelines: Map<string, string[]> | undefined) => {
    for (const [pipeline, jobs] of pipelines ?? []) {
      if (!MAIN_PIPELINES.has(pipeline)) continue;
      for (const j of jobs) for (const m of j.matchAll(/php(\d)(\d{1,2})/g)) found.add(`${m[1]}.${m[2]}`);
    }
  };
  scan(p.jobs);
  for (const t of p.templates) scan(layout.templates.get(t));
  return [...found].sort((a, b) => Number(a.split('.')[0]) - Number(b.split('.')[0]) || Number(a.split('.')[1]) - Number(b.split('.')[1])).join(',');
}

/** The ci.* facts of one project (values as stored in repo_facts). */
export function projectFacts(layout: Layout, p: ProjectEntry | undefined): Map<string, string | null> {
  if (!p) return new Map([['ci.templates', null], ['ci.archived', null], ['ci.broken', null], ['ci.wikimedia_deployed', null], ['ci.tarball', null], ['ci.php_versions', null]]);
  const t = new Set(p.templates);
  return new Map([
    ['ci.templates', [...t].sort().join(',')],
    ['ci.archived', String(t.has('archived'))],
    ['ci.broken', String(t.has('extension-broken'))],
    ['ci.wikimedia_deployed', String(t.has('in-wikimedia-production'))],
    ['ci.tarball', String(t.has('in-mediawiki-tarball'))],
    ['ci.php_versions', phpVersions(layout, p) || null],
  ]);
}
