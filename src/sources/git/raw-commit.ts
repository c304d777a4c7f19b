// Parses one commit as `git log --format=raw --name-only` prints it: `commit <sha>`,
// headers (tree, parent…, author, committer, continuation lines start with a space),
// a blank line, the message indented by four spaces, then the touched files. Pure.

export interface Signature {
  name: string;
  email: string;
  at: Date;
}

export interface ParsedCommit {
  sha: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
  files: string[];
}

const SIG = /^(.*) <([^>]*)> (-?\d+) ([+-]\d{4})$/;

/** `Name <email> 1514764800 +0100` → name, email and the UTC instant. */
export function parseSignature(text: string): Signature | null {
  const m = SIG.exec(text);
  if (!m) return null;
  return { name: m[1], email: m[2], at: new Date(Number(m[3]) * 1000) };
}

/** Unquotes a path git printed with core.quotePath ("a\303\251.txt" → "aé.txt"). */
export function unquotePath(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"')) return p;
  const bytes: number[] = [];
  const body = p.slice(1, -1);
  const esc: Record<string, number> = { n: 10, t: 9, '"': 34, '\\': 92, a: 7, b: 8, f: 12, r: 13, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(esc[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export function parseRawCommit(chunk: string): ParsedCommit | string {
  const lines = chunk.split('\n');
  const head = /^commit ([0-9a-f]{40})/.exec(lines[0] ?? '');
  if (!head) return 'does not start with "commit <sha>"';
  const parents: string[] = [];
  let author: Signature | null = null;
  let committer: Signature | null = null;
  let i = 1;
  for (; i < lines.length && lines[i] !== ''; i++) {
    const line = lines[i];
    if (line.startsWith(' ')) continue; // continuation (gpgsig, mergetag)
    const sp = line.indexOf(' ');
    const field = line.slice(0, sp);
    const value = line.slice(sp + 1);
    if (field === 'parent') parents.push(value);
    else if (field === 'author') author = parseSignature(value);
    else if (field === 'committer') committer = parseSignature(value);
  }
  if (!author) return 'missing or unparseable author header';
  if (!committer) return 'missing or unparseable committer header';
  i++; // blank line after the headers
  const msg: string[] = [];
  for (; i < lines.length && (lines[i].startsWith('    ') || lines[i] === ''); i++) {
    msg.push(lines[i].slice(4));
  }
  while (msg.length && msg[msg.length - 1] === '') msg.pop();
  const files = lines.slice(i).filter((l) => l !== '').map(unquotePath);
  return { sha: head[1], parents, author, committer, message: msg.join('\n'), files };
}
