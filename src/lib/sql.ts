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
  }
  return text;
}

const variants = new Map<string, string | null>();

/**
 * The engine's own version of a loaded SQL file: when `text` is the content of `x.sql` and
 * `x.<engine>.sql` lies beside it, that file's text; otherwise `text` itself. Called by the
 * engine (store/<engine>/), so code outside the store never asks which engine runs.
 */
export function sqlVariant(text: string, engine: string): string {
  const path = origin.get(text);
  if (!path) return text;
  const key = `${engine}\u0000${path}`;
  let variant = variants.get(key);
  if (variant === undefined) {
    const other = path.replace(/\.sql$/, `.${engine}.sql`);
    variant = existsSync(other) ? readFileSync(other, 'utf8') : null;
    variants.set(key, variant);
  }
  return variant ?? text;
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
