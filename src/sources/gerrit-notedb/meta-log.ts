// Parses a NoteDB meta ref's history as `git log --format=raw <refs/changes/NN/N/meta>`
// prints it (newest first): per commit the author (`Name <id@server-uuid>`), its time,
// the subject ("Create change", "Update patch set 3"…), the change message body and the
// footers of the last paragraph (`Patch-set: 3`, `Label: Code-Review=+2`…). Pure.
// Layout per Gerrit's ChangeNotesParser: subject, blank line, message, blank line, footers.

export interface MetaCommit {
  sha: string;
  authorIdent: string; // `Name <id@server-uuid>`
  at: Date; // author time (NoteDB writes the update time there)
  subject: string;
  body: string; // the change message, '' when the update has none
  footers: [string, string][]; // in order, keys as written
}

const AUTHOR = /^(.*) (-?\d+) [+-]\d{4}$/;

/** `git log --format=raw` text → commits (same order as the text) or a reason. */
export function parseMetaLog(text: string): { commits: MetaCommit[]; errors: string[] } {
  const commits: MetaCommit[] = [];
  const errors: string[] = [];
  let from = 0;
  while (from < text.length) {
    let next = text.indexOf('\ncommit ', from);
    while (next !== -1 && !/^[0-9a-f]{40}/.test(text.slice(next + 8, next + 48))) next = text.indexOf('\ncommit ', next + 1);
    const chunk = text.slice(from, next === -1 ? text.length : next + 1);
    from = next === -1 ? text.length : next + 1;
    if (chunk.trim() === '') continue;
    const c = parseMetaCommit(chunk);
    if (typeof c === 'string') errors.push(c);
    else commits.push(c);
  }
  return { commits, errors };
}

const FOOTER = /^([A-Za-z0-9-]+):[ \t]?(.*)$/;

/** One commit of the log. Works on offsets rather than a line array: 250k commits a run. */
export function parseMetaCommit(chunk: string): MetaCommit | string {
  const sha = /^commit ([0-9a-f]{40})/.exec(chunk)?.[1];
  if (!sha) return `not a commit: ${chunk.slice(0, 60).split('\n')[0]}`;
  const headEnd = chunk.indexOf('\n\n');
  const head = headEnd < 0 ? chunk : chunk.slice(0, headEnd);
  const a = head.indexOf('\nauthor ');
  const author = a < 0 ? null : AUTHOR.exec(head.slice(a + 8, head.indexOf('\n', a + 1) < 0 ? undefined : head.indexOf('\n', a + 1)));
  if (!author) return `commit ${sha}: missing or unparseable author header`;
  // The message: every line indented by four spaces (blank lines may be bare).
  const msg = headEnd < 0 ? '' : chunk.slice(headEnd + 2).replace(/^ {4}/gm, '').replace(/\s+$/, '');
  const nl = msg.indexOf('\n');
  const subject = nl < 0 ? msg : msg.slice(0, nl);
  const rest = nl < 0 ? '' : msg.slice(nl + 1);
  // The last paragraph holds the footers when every line of it is `Key: value`.
  const cut = rest.lastIndexOf('\n\n');
  const lastPara = cut < 0 ? rest.replace(/^\s*\n/, '') : rest.slice(cut).replace(/^\s*\n/, '');
  const lines = lastPara.split('\n');
  const isFooter = lastPara !== '' && lines.every((l) => FOOTER.test(l));
  const footers: [string, string][] = isFooter
    ? lines.map((l) => { const m = FOOTER.exec(l)!; return [m[1], m[2].trim()]; })
    : [];
  const body = isFooter ? (cut < 0 ? '' : rest.slice(0, cut)) : rest;
  return { sha, authorIdent: author[1], at: new Date(Number(author[2]) * 1000), subject, body: body.replace(/^\s*\n/, '').trimEnd(), footers };
}

/** The first value of a footer, or undefined. Keys compare case-insensitively. */
export function footer(c: MetaCommit, key: string): string | undefined {
  const k = key.toLowerCase();
  return c.footers.find(([f]) => f.toLowerCase() === k)?.[1];
}

export function footersOf(c: MetaCommit, key: string): string[] {
  const k = key.toLowerCase();
  return c.footers.filter(([f]) => f.toLowerCase() === k).map(([, v]) => v);
}
