// Reads one state of the wikiversions file: `wikiversions.json` (2014 on: a JSON object
// wiki → "php-<version>") or `wikiversions.dat` (2012–2014: one "wiki php-<version>"
// per line, sometimes followed by more fields). Pure; problems are returned, never thrown.
// A few real commits broke the JSON (a missing comma, a stray character); their wikis are
// then read line by line, `"wiki": "version"`, so one broken commit does not hide a move.

export interface WikiversionsState {
  versions: Map<string, string>; // wiki → version text as written (e.g. "php-1.23wmf14")
  problems: string[]; // each names the line or key it is about
}

export function parseWikiversions(content: string, path: string): WikiversionsState {
  return path.endsWith('.dat') ? parseDat(content, path) : parseJson(content, path);
}

function parseJson(content: string, path: string): WikiversionsState {
  const versions = new Map<string, string>();
  const problems: string[] = [];
  if (content.trim() === '') return { versions, problems }; // file deleted at this commit
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch (err) {
    for (const m of content.matchAll(/^\s*"([^"]+)"\s*:\s*"([^"]*)"/gm)) versions.set(m[1], m[2]);
    return { versions, problems: [`${path}: not JSON (${(err as Error).message}); read line by line instead`] };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { versions, problems: [`${path}: not a JSON object of wiki → version`] };
  }
  for (const [wiki, v] of Object.entries(doc as Record<string, unknown>)) {
    if (typeof v === 'string') versions.set(wiki, v);
    else problems.push(`${path}: key "${wiki}" has a ${typeof v} value, not a version string`);
  }
  return { versions, problems };
}

function parseDat(content: string, path: string): WikiversionsState {
  const versions = new Map<string, string>();
  const problems: string[] = [];
  content.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [wiki, version] = line.split(/\s+/);
    if (!version) problems.push(`${path}:${i + 1}: expected "wiki version", got "${line}"`);
    else versions.set(wiki, version);
  });
  return { versions, problems };
}
