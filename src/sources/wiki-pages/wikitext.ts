// Just enough wikitext for the stewardship pages: template calls with their named
// parameters ({{Extension|status=stable|maintainer=…}}), nested templates and links kept
// whole inside a value; wikitables (Developers/Maintainers) as header + rows of cells; and
// the plain text of a cell ([[Extension:Echo|Echo]] → Echo). Pure.

export interface TemplateCall {
  name: string;
  params: Map<string, string>; // named (lower-cased keys) and positional ("1", "2", …)
}

/** The top-level `{{Name|…}}` calls whose name matches (case-insensitive, _ = space). */
export function findTemplates(text: string, names: readonly string[]): TemplateCall[] {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const out: TemplateCall[] = [];
  for (let i = text.indexOf('{{'); i !== -1; i = text.indexOf('{{', i + 2)) {
    const end = matchClose(text, i);
    if (end === -1) break;
    const body = text.slice(i + 2, end);
    const parts = splitTop(body);
    const name = parts[0].trim().replace(/_/g, ' ').replace(/^template:/i, '').toLowerCase();
    if (wanted.has(name)) {
      const params = new Map<string, string>();
      let n = 0;
      for (const p of parts.slice(1)) {
        const eq = p.indexOf('=');
        const open = Math.min(...['{{', '[['].map((s) => (p.indexOf(s) === -1 ? Infinity : p.indexOf(s))));
        if (eq !== -1 && eq < open) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim());
        else params.set(String(++n), p.trim());
      }
      out.push({ name: parts[0].trim(), params });
      i = end;
    }
  }
  return out;
}

/** Index of the `}}` closing the `{{` at `start`, or -1. */
function matchClose(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length - 1; i++) {
    if (text[i] === '{' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && text[i + 1] === '}') {
      depth--;
      i++;
      if (depth === 0) return i - 1;
    }
  }
  return -1;
}

/** Splits on `|` outside nested {{ }} and [[ ]]. */
function splitTop(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    const two = body.slice(i, i + 2);
    if (two === '{{' || two === '[[') {
      depth++;
      cur += two;
      i++;
    } else if ((two === '}}' || two === ']]') && depth > 0) {
      depth--;
      cur += two;
      i++;
    } else if (body[i] === '|' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += body[i];
  }
  parts.push(cur);
  return parts;
}

/** The readable text of wikitext: links to their label, user templates to their name, markup dropped. */
export function plainText(s: string): string {
  return s
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\[\[([^\]|]*)\|([^\]]*)\]\]/g, '$2')
    .replace(/\[\[([^\]]*)\]\]/g, '$1')
    .replace(/\{\{\s*(?:u|user|ping|phab|ptag)\s*\|([^}|]*)[^}]*\}\}/gi, '$1')
    .replace(/\{\{[^}]*\}\}/g, '')
    .replace(/\[https?:\/\/\S+\s([^\]]*)\]/g, '$1')
    .replace(/'''?/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first link target of a cell ([[Extension:Echo|Echo]] → Extension:Echo), if any. */
export function linkTarget(s: string): string | null {
  const m = /\[\[([^\]|#]+)/.exec(s);
  return m ? m[1].trim() : null;
}

export interface WikiTable {
  section: string;
  header: string[];
  rows: string[][]; // raw wikitext of each cell
}

/** Every `{| … |}` table with the `==` heading it is under. Row- and column-spans are not expanded. */
export function findTables(text: string): WikiTable[] {
  const out: WikiTable[] = [];
  let section = '';
  let table: WikiTable | null = null;
  let row: string[] | null = null;
  for (const line of text.split('\n')) {
    const h = /^(={2,6})\s*(.*?)\s*\1\s*$/.exec(line);
    if (h && !table) {
      section = plainText(h[2]);
      continue;
    }
    if (line.startsWith('{|')) {
      table = { section, header: [], rows: [] };
      row = null;
      continue;
    }
    if (!table) continue;
    if (line.startsWith('|}')) {
      if (row && row.length) table.rows.push(row);
      out.push(table);
      table = null;
      continue;
    }
    if (line.startsWith('|-')) {
      if (row && row.length) table.rows.push(row);
      row = [];
      continue;
    }
    if (line.startsWith('|+')) continue;
    if (line.startsWith('!')) {
      table.header.push(...line.slice(1).split('!!').map((c) => plainText(c.replace(/^[^|[{]*\|(?!\|)/, ''))));
      continue;
    }
    if (line.startsWith('|')) {
      row ??= [];
      for (const c of line.slice(1).split('||')) row.push(c.replace(/^\s*(?:style|class|rowspan|colspan)="[^"]*"\s*\|(?!\|)/, '').trim());
    } else if (row && row.length) row[row.length - 1] += `\n${line}`;
  }
  return out;
}
