// Loading SQL from .sql files next to the code, and a tiny tagged template for
// parameters: sql`… ${value} …` becomes { text: '… $1 …', params: [value] }.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cache = new Map<string, string>();

/** Reads `name` relative to the module at `moduleUrl` (pass import.meta.url). */
export function loadSql(moduleUrl: string, name: string): string {
  const path = join(dirname(fileURLToPath(moduleUrl)), name);
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8');
    cache.set(path, text);
  }
  return text;
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
