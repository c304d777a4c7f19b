// Hostile-file fixtures for the read-only SQL tests: one file holding SECRET for every
// extension DuckDB's replacement scans recognise, and the attack queries that read them.
// `control` runs a query on an unrestricted in-memory DuckDB, so a test can prove each
// attack really reads its file when nothing stops it (the test would fail without the fix).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export const SECRET = 'SECRET-5f1c2a';

/** Extensions DuckDB 1.5 reads as files in FROM (csv/tsv, json/jsonl/ndjson, parquet, duckdb/db/ddb, compressed forms). */
export const FILE_EXTENSIONS = [
  'csv', 'tsv', 'csv.gz', 'tsv.gz', 'csv.zst', 'json', 'jsonl', 'ndjson', 'json.gz', 'jsonl.gz', 'ndjson.gz',
  'parquet', 'duckdb', 'db', 'ddb', 'server.json',
] as const;

export interface SecretFiles {
  dir: string;
  /** Attack queries, each reading a file that holds SECRET when nothing stops it. */
  attacks: { name: string; sql: string }[];
  /** Runs `sql` on an unrestricted in-memory DuckDB and returns the rows as JSON text (or the error). */
  control(sql: string): Promise<string>;
  close(): void;
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

export async function makeSecretFiles(dir: string): Promise<SecretFiles> {
  const free = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const conn = await free.connect();
  const rows = `SELECT '${SECRET}' AS s`;
  for (const ext of FILE_EXTENSIONS) {
    const file = join(dir, `secret.${ext}`);
    const [base, compression] = ext.split('.') as [string, string | undefined];
    if (['duckdb', 'db', 'ddb'].includes(base)) {
      const db = await DuckDBInstance.create(file);
      const c = await db.connect();
      await c.run(`CREATE TABLE t AS ${rows}`);
      c.closeSync();
      db.closeSync();
    } else if (base === 'parquet') {
      await conn.run(`COPY (${rows}) TO ${sqlString(file)} (FORMAT parquet)`);
    } else if (base === 'server') {
      writeFileSync(file, JSON.stringify({ url: 'http://127.0.0.1:1', pid: 1, token: SECRET }));
    } else {
      const format = base === 'tsv' ? "FORMAT csv, DELIMITER '\t'" : base.startsWith('csv') ? 'FORMAT csv' : 'FORMAT json';
      const comp = compression === 'gz' ? ', COMPRESSION gzip' : compression === 'zst' ? ', COMPRESSION zstd' : '';
      await conn.run(`COPY (${rows}) TO ${sqlString(file)} (${format}${comp})`);
    }
  }
  writeFileSync(join(dir, 'secret.conf'), `s\n${SECRET}\n`);
  const attacks: { name: string; sql: string }[] = [];
  for (const ext of FILE_EXTENSIONS) {
    const stem = join(dir, 'secret');
    attacks.push({ name: `"path".${ext}`, sql: `SELECT * FROM "${stem}".${ext.split('.').map((p) => `"${p}"`).join('.')}` });
    attacks.push({ name: `'path.${ext}'`, sql: `SELECT * FROM ${sqlString(`${stem}.${ext}`)}` });
  }
  attacks.push(
    { name: 'dotted path with unquoted extension', sql: `SELECT * FROM "${join(dir, 'secret.server')}".json` },
    { name: 'glob class hiding the extension', sql: `SELECT * FROM "${join(dir, 'secre[t.csv?]')}".conf` },
    { name: 'glob star', sql: `SELECT * FROM '${join(dir, 'secre*.csv')}'` },
    { name: 'path in a subquery', sql: `SELECT (SELECT s FROM '${join(dir, 'secret.csv')}') AS s` },
    { name: 'path in a CTE', sql: `WITH x AS (FROM '${join(dir, 'secret.json')}') SELECT * FROM x` },
    { name: 'path in a join', sql: `SELECT * FROM range(1) r, '${join(dir, 'secret.parquet')}'` },
    { name: 'read_text', sql: `SELECT * FROM read_text('${join(dir, 'secret.conf')}')` },
    { name: 'read_csv on a glob', sql: `SELECT * FROM read_csv('${join(dir, '*.conf')}')` },
  );
  return {
    dir,
    attacks,
    control: async (sql) => {
      try {
        const r = await conn.runAndReadAll(sql);
        return JSON.stringify(r.getRowObjectsJS(), (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
      } catch (err) {
        return `error: ${(err as Error).message}`;
      }
    },
    close: () => {
      conn.closeSync();
      free.closeSync();
    },
  };
}
