// Where the built web UI lives (dist/web at the repository root), if it was built.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function webRoot(): string | undefined {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}
