#!/usr/bin/env node
// `npm run build:cli`: compiles src/ (tests, fixtures and the web UI left out) to plain
// JavaScript in dist/ with tsc, then copies the .sql files the code reads at run time
// (loadSql(import.meta.url, …), src/store/schema/*.sql) and shipped .yaml data (the
// extensions source's standards.yaml) beside the compiled modules.
// dist/ is emptied first (but for dist/web, which the web build owns), so a deleted
// source never leaves a stale module behind in the package.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');

mkdirSync(dist, { recursive: true });
for (const entry of readdirSync(dist)) if (entry !== 'web') rmSync(join(dist, entry), { recursive: true, force: true });

const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

let copied = 0;
function copySql(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'fixtures' && path !== join(src, 'web')) copySql(path);
    } else if (e.name.endsWith('.sql') || e.name.endsWith('.yaml')) {
      const to = join(dist, relative(src, path));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(path, to);
      copied++;
    }
  }
}
copySql(src);
console.log(`dist/: compiled the CLI and server, copied ${copied} .sql and .yaml files`);
