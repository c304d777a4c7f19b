// Reads one state of the wikiversions file: `wikiversions.json` (2014 on: a flat JSON
// object wiki → "php-<version>", pretty-printed one entry per line, minified on one line
// in 2015) or `wikiversions.dat` (2012–2014: "wiki php-<version>" per line, sometimes with
// more fields). Entries are read leniently with one pattern, so a commit that broke the
// JSON (merge-conflict markers, a missing comma) still shows its moves; the shape check
// reports the break. Pure; problems are returned, never thrown.

export interface WikiversionsState {
  versions: Map<string, string>; // wiki → version text as written (e.g. "php-1.23wmf14")
  problems: string[]; // each names the file (and line) it is about
}

const JSON_ENTRY = /"([^"\\]+)"\s*:\s*"([^"\\]*)"/g;

/** wiki → version of every entry in `text` (a whole file or whole lines of one). */
export function readEntries(text: string, path: string): Map<string, string> {
  const out = new Map<string, string>();
  if (path.endsWith('.dat')) {
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const [wiki, version] = line.split(/\s+/);
      if (version) out.set(wiki, version);
    }
    return out;
  }
  for (const m of text.matchAll(JSON_ENTRY)) out.set(m[1], m[2]);
  return out;
}

export function parseWikiversions(content: string, path: string): WikiversionsState {
  const versions = readEntries(content, path);
  if (content.trim() === '') return { versions, problems: [] }; // the file was deleted at this commit
  return { versions, problems: path.endsWith('.dat') ? datProblems(content, path) : jsonProblems(content, content.replace(JSON_ENTRY, ''), path, versions.size) };
}

/**
 * The distinct version texts of a file and its problems, in one pass (normalize checks
 * every stored state, so this is the cheap path; readEntries is for the changed lines).
 */
export function scanWikiversions(content: string, path: string): { values: Set<string>; problems: string[] } {
  const values = new Set<string>();
  if (content.trim() === '') return { values, problems: [] };
  if (path.endsWith('.dat')) {
    for (const v of readEntries(content, path).values()) values.add(v);
    return { values, problems: datProblems(content, path) };
  }
  let entries = 0;
  const rest = content.replace(JSON_ENTRY, (_m, _wiki, version: string) => {
    values.add(version);
    entries++;
    return '';
  });
  return { values, problems: jsonProblems(content, rest, path, entries) };
}

/** A flat object of strings: what is left without its entries is `{`, n − 1 commas and `}`. */
function jsonProblems(content: string, withoutEntries: string, path: string, entries: number): string[] {
  const rest = withoutEntries.replace(/\s+/g, '');
  const expected = `{${','.repeat(Math.max(entries - 1, 0))}}`;
  if (rest === expected) return [];
  const odd = content.split('\n').findIndex((l) => l.replace(JSON_ENTRY, '').replace(/[\s{},]/g, '') !== '');
  const where = odd >= 0 ? `${path}:${odd + 1}` : path;
  return [`${where}: not a flat JSON object of wiki → version (${odd >= 0 ? `unexpected "${content.split('\n')[odd].trim().slice(0, 60)}"` : 'misplaced commas or braces'}); its entries were read one by one`];
}

function datProblems(content: string, path: string): string[] {
  const problems: string[] = [];
  content.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line !== '' && !line.startsWith('#') && line.split(/\s+/).length < 2) problems.push(`${path}:${i + 1}: expected "wiki version", got "${line}"`);
  });
  return problems;
}

/** The differing part of two states widened to whole lines: only there can a wiki have moved. */
export function changedLines(a: string, b: string): [string, string] {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  const start = p === 0 ? 0 : a.lastIndexOf('\n', p - 1) + 1; // the prefix is common: same in b
  const endOf = (t: string) => {
    const nl = t.indexOf('\n', t.length - s);
    return nl === -1 ? t.length : nl;
  };
  return [a.slice(start, endOf(a)), b.slice(start, endOf(b))];
}
