// Loading SQL from .sql files next to the code, and a tiny tagged template for
// parameters: sql`… ${value} …` becomes { text: '… $1 …', params: [value] }.
// Plain file/text helpers with no store behind them, so sources and metrics may use them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cache = new Map<string, string>();
/** Which file a loaded text came from, so an engine can run its own variant of that file. */
const origin = new Map<string, string>();

/** Reads `name` relative to the module at `moduleUrl` (pass import.meta.url). */
export function loadSql(moduleUrl: string, name: string): string {
  const path = join(dirname(fileURLToPath(moduleUrl)), name);
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8');
    cache.set(path, text);
    if (!origin.has(text)) origin.set(text, path);
    noteTemplate(path, text);
  }
  return text;
}

const variants = new Map<string, string | null>();
/** Loaded files with {{placeholders}} that callers fill in: the pattern of their filled text. */
const templates: { path: string; names: string[]; pattern: RegExp }[] = [];
const filled = new Map<string, { path: string; values: Record<string, string> } | null>();

function noteTemplate(path: string, text: string): void {
  const names: string[] = [];
  const parts = text.split(/\{\{(\w+)\}\}/);
  if (parts.length === 1) return;
  let re = '';
  parts.forEach((p, i) => {
    if (i % 2 === 0) re += p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (names.includes(p)) re += `\\k<${p}>`;
    else {
      names.push(p);
      re += `(?<${p}>[\\s\\S]*?)`;
    }
  });
  templates.push({ path, names, pattern: new RegExp(`^${re}$`) });
}

/** The template a filled-in text came from, and what filled it. */
function templateOf(text: string): { path: string; values: Record<string, string> } | null {
  let hit = filled.get(text);
  if (hit === undefined) {
    hit = null;
    for (const t of templates) {
      const m = t.pattern.exec(text);
      if (m?.groups) {
        hit = { path: t.path, values: m.groups };
        break;
      }
    }
    if (filled.size > 1000) filled.clear();
    filled.set(text, hit);
  }
  return hit;
}

function variantFile(path: string, engine: string): string | null {
  const key = `${engine}\u0000${path}`;
  let variant = variants.get(key);
  if (variant === undefined) {
    const other = path.replace(/\.sql$/, `.${engine}.sql`);
    variant = existsSync(other) ? readFileSync(other, 'utf8') : null;
    variants.set(key, variant);
  }
  return variant;
}

/**
 * The engine's own version of a loaded SQL file: when `text` is the content of `x.sql` and
 * `x.<engine>.sql` lies beside it, that file's text; otherwise `text` itself. A file with
 * `{{name}}` placeholders that its caller filled in is recognised by its fixed text, and
 * its variant gets the same fillings. Called by the engine (store/<engine>/), so code
 * outside the store never asks which engine runs.
 */
export function sqlVariant(text: string, engine: string): string {
  const path = origin.get(text);
  if (path) return variantFile(path, engine) ?? text;
  // A file with {{placeholders}} the caller filled in: the variant, filled in the same way.
  const t = text.includes('{{') ? null : templateOf(text);
  if (!t) return text;
  // a template with no variant of its own may be filled with one that has (answer.sql in a
  // link rule's stale.sql): the same template, its fillings turned into their variants
  const variant = variantFile(t.path, engine) ?? cache.get(t.path)!;
  const out = variant.replace(/\{\{(\w+)\}\}/g, (all, name: string) => (t.values[name] === undefined ? all : fillVariant(t.values[name], engine)));
  return out;
}

const withoutComments = (s: string) => s.replace(/--.*$/gm, '');

/**
 * A placeholder's filling, for the variant: itself, or when it is a loaded file (or that
 * file without its comments and with its tail cut off, as a report inlines another's SQL)
 * the engine's variant of that file, treated the same way (the variant ends as the file does).
 */
function fillVariant(value: string, engine: string): string {
  const direct = origin.get(value);
  if (direct) return variantFile(direct, engine) ?? value;
  if (templateOf(value)) return sqlVariant(value, engine); // itself a filled template
  for (const [text, path] of origin) {
    const stripped = withoutComments(text);
    if (!stripped.startsWith(value)) continue;
    const variant = variantFile(path, engine);
    if (variant === null) return value;
    const tail = stripped.slice(value.length);
    const v = withoutComments(variant);
    return v.endsWith(tail) ? v.slice(0, v.length - tail.length) : value;
  }
  return value;
}

export interface SqlText {
  text: string;
  params: unknown[];
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlText {
  let text = strings[0] ?? '';
  values.forEach((v, i) => {
    text += `$${i + 1}${strings[i + 1] ?? ''}`;
  });
  return { text, params: values };
}

/** Quotes an identifier (table or column name) for interpolation into SQL text. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
