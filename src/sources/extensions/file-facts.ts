// What the watched files say, as fact id → value (strings; null = absent). Pure. A file
// that is not valid JSON (or carries merge conflict markers) yields an error message
// instead, which normalize turns into a reject naming repository, commit and file.
import { PRESENCE } from './watched.ts';

export const FACTS_VERSION = 1;

export type FactMap = Map<string, string | null>;

/** Conflict markers left by a bad merge: a line starting with <<<<<<< , ======= or >>>>>>> . */
export function hasMergeMarkers(text: string): boolean {
  return /^(<{7}|>{7})( |$)|^={7}$/m.test(text);
}

/** Parses a JSON file; an error string says why not. */
export function readJson(text: string): Record<string, unknown> | string {
  if (hasMergeMarkers(text)) return 'merge conflict markers';
  try {
    const v = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : 'not a JSON object';
  } catch (err) {
    return `not valid JSON (${(err as Error).message})`;
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
const filled = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : v !== null && typeof v === 'object' ? Object.keys(v).length > 0 : Boolean(v));

export const MANIFEST_FACTS = ['manifest.version', 'manifest.manifest_version', 'manifest.requires_mediawiki', 'manifest.requires_php',
  'manifest.hook_handlers', 'manifest.autoload_namespaces', 'manifest.license'] as const;

/** Facts of extension.json / skin.json; every MANIFEST_FACTS id is set (null when absent). */
export function manifestFacts(m: Record<string, unknown> | null): FactMap {
  const out: FactMap = new Map(MANIFEST_FACTS.map((f) => [f, null]));
  if (!m) return out;
  const requires = (m.requires ?? {}) as Record<string, unknown>;
  const platform = (requires.platform ?? {}) as Record<string, unknown>;
  out.set('manifest.version', str(m.version));
  out.set('manifest.manifest_version', str(m.manifest_version));
  out.set('manifest.requires_mediawiki', str(requires.MediaWiki));
  out.set('manifest.requires_php', str(platform.php));
  out.set('manifest.hook_handlers', String(filled(m.HookHandlers)));
  out.set('manifest.autoload_namespaces', String(filled(m.AutoloadNamespaces)));
  out.set('manifest.license', Array.isArray(m['license-name']) ? (m['license-name'] as unknown[]).join(' OR ') : str(m['license-name']));
  return out;
}

/** dep.<package> → declared constraint, from composer.json require-dev or package.json devDependencies. */
export function depFacts(doc: Record<string, unknown> | null, section: 'require-dev' | 'devDependencies'): FactMap {
  const out: FactMap = new Map();
  const deps = doc?.[section];
  if (deps && typeof deps === 'object' && !Array.isArray(deps)) {
    for (const [name, v] of Object.entries(deps as Record<string, unknown>)) out.set(`dep.${name}`, str(v));
  }
  return out;
}

/** eslint.root from an ESLint config: `"root": true` in JSON, `root: true` in JS or YAML. */
export function eslintRoot(path: string, text: string): string | null | { error: string } {
  if (path.endsWith('.json') || path === '.eslintrc') {
    const doc = readJson(text);
    if (typeof doc !== 'string') return String(doc.root === true);
    if (path.endsWith('.json')) return { error: doc };
  }
  return String(/(^|[\s{,])["']?root["']?\s*:\s*true\b/m.test(text));
}

export type ManifestKind = 'extension.json' | 'skin.json' | 'legacy-php' | 'none';

/** manifest.present from the paths present: extension.json, else skin.json, else `<Name>.php`. */
export function manifestKind(present: Set<string>, legacy: string): ManifestKind {
  if (present.has('extension.json')) return 'extension.json';
  if (present.has('skin.json')) return 'skin.json';
  if (present.has(legacy)) return 'legacy-php';
  return 'none';
}

/** Presence facts (file.*, tests.*) and manifest.present for a set of present paths. */
export function presenceFacts(present: Set<string>, legacy: string): FactMap {
  const out: FactMap = new Map();
  for (const [fact, paths] of Object.entries(PRESENCE)) out.set(fact, String(paths.some((p) => present.has(p))));
  out.set('manifest.present', manifestKind(present, legacy));
  return out;
}
