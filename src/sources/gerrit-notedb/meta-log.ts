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

const AUTHOR = /^author (.*) (-?\d+) [+-]\d{4}$/;

/** `git log --format=raw` text → commits (same order as the text) or a reason. */
export function parseMetaLog(text: string): { commits: MetaCommit[]; errors: string[] } {
  const commits: MetaCommit[] = [];
  const errors: string[] = [];
  const chunks = text.split(/^(?=commit [0-9a-f]{40})/m).filter((c) => c.trim() !== '');
  for (const chunk of chunks) {
    const c = parseMetaCommit(chunk);
    if (typeof c === 'string') errors.push(c);
    else commits.push(c);
  }
  return { commits, errors };
}

const FOOTER = /^([A-Za-z0-9-]+):[ \t]?(.*)$/;

export function parseMetaCommit(chunk: string): MetaCommit | string {
  const lines = chunk.split('\n');
  const sha = /^commit ([0-9a-f]{40})/.exec(lines[0])?.[1];
  if (!sha) return `not a commit: ${lines[0].slice(0, 60)}`;
  let i = 1;
  let author: RegExpExecArray | null = null;
  for (; i < lines.length && lines[i] !== ''; i++) {
    if (lines[i].startsWith('author ')) author = AUTHOR.exec(lines[i]);
  }
  if (!author) return `commit ${sha}: missing or unparseable author header`;
  const msg: string[] = [];
  for (i++; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('    ')) msg.push(l.slice(4));
    else if (l === '') msg.push('');
    else break;
  }
  while (msg.length && msg[msg.length - 1].trim() === '') msg.pop();
  // The last paragraph holds the footers when every line of it is `Key: value`.
  let start = msg.length;
  while (start > 0 && msg[start - 1].trim() !== '') start--;
  const last = msg.slice(start);
  const isFooter = start > 0 && last.length > 0 && last.every((l) => FOOTER.test(l));
  const footers: [string, string][] = isFooter
    ? last.map((l) => { const m = FOOTER.exec(l)!; return [m[1], m[2].trim()]; })
    : [];
  const bodyLines = msg.slice(1, isFooter ? start : msg.length);
  while (bodyLines.length && bodyLines[0].trim() === '') bodyLines.shift();
  while (bodyLines.length && bodyLines[bodyLines.length - 1].trim() === '') bodyLines.pop();
  return {
    sha, authorIdent: author[1], at: new Date(Number(author[2]) * 1000), subject: msg[0] ?? '',
    body: bodyLines.join('\n'), footers,
  };
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
