// The built web UI (dist/web at the repository root, when `npm run build` made it) and
// the safe lookup of a file inside it: a request path may only name a file below the
// root; `..`, NUL, backslashes and symlinks out of the root are refused.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ShiplogError } from '../lib/errors.ts';

export function webRoot(): string | undefined {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json',
  '.map': 'application/json', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  bytes: Buffer;
  type: string;
}

/** The file `rel` (already URL-decoded) names under `root`, or an error saying why not. */
export function readStaticFile(root: string, rel: string): StaticFile {
  if (rel.includes('\0') || rel.includes('\\') || rel.split('/').some((seg) => seg === '..' || seg === '.')) {
    throw new ShiplogError('bad_request', `static path "${rel.slice(0, 80)}" is not allowed (no "..", ".", "\\" or NUL segments)`);
  }
  const base = realpathSync(root);
  const full = resolve(base, rel);
  if (!full.startsWith(base + sep)) throw new ShiplogError('bad_request', `static path "${rel.slice(0, 80)}" leaves the web root`);
  if (!existsSync(full) || !statSync(full).isFile()) throw new ShiplogError('not_found', `no file "${rel.slice(0, 80)}" in the web UI`);
  if (!realpathSync(full).startsWith(base + sep)) throw new ShiplogError('bad_request', `static path "${rel.slice(0, 80)}" leaves the web root`);
  return { bytes: readFileSync(full), type: TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream' };
}
