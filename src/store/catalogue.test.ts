// The migrated DuckDB schema is the catalogue: same tables, columns, types, NOT NULLs and
// primary keys (upsert tables only); rows are checked against it at run time; and the
// compiler refuses a normalizer's misspelt column.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, columnNames, type Column } from '../model/catalogue/index.ts';
import { DUCKDB_TYPES } from './duckdb/types.ts';
import { openStore, type Store } from './index.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
});
afterAll(() => store.close());

describe('the schema against the catalogue', () => {
  it('has exactly the catalogue tables (besides schema_version and rollups)', async () => {
    const tables = (await store.all<{ t: string }>("SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1"))
      .map((r) => r.t).filter((t) => t !== 'schema_version' && !t.startsWith('rollup_') || t === 'rollup_state');
    expect(tables).toEqual(CATALOGUE.map((t) => t.name).sort());
  });

  it.each(CATALOGUE.map((t) => [t.name, t] as const))('%s: columns, types, NOT NULL and key', async (name, t) => {
    const cols = await store.all<{ column_name: string; data_type: string; is_nullable: boolean }>(
      "SELECT column_name, data_type, is_nullable FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = $1 ORDER BY column_index", [name]);
    const expected = Object.entries(t.columns as Record<string, Column>).map(([c, def]) => ({ column_name: c, data_type: DUCKDB_TYPES[def.type], is_nullable: !def.required }));
    const byName = (a: { column_name: string }, b: { column_name: string }) => a.column_name.localeCompare(b.column_name);
    expect([...cols].sort(byName)).toEqual([...expected].sort(byName));
    const pk = await store.all<{ cols: string[] }>(
      "SELECT constraint_column_names AS cols FROM duckdb_constraints() WHERE table_name = $1 AND constraint_type = 'PRIMARY KEY'", [name]);
    if (t.mode === 'upsert') expect(pk.map((p) => p.cols)).toEqual([[...t.key]]);
    else expect(pk).toEqual([]);
    expect(columnNames(t as never)).toEqual(expect.arrayContaining([...t.key]));
  });
});

describe('rows checked at run time', () => {
  it('refuses an unknown column, naming table, column and raw record', async () => {
    await expect(store.write('commits', [{ commit_key: 'commit:r:1', repo: 'r', sha: '1', autor_name: 'x', raw_id: 'git:commit:1#0' }]))
      .rejects.toThrow('commits.autor_name: no such column (row 1, raw git:commit:1#0)');
    await expect(store.write('changes', [{ change_key: 'change:h:1', host: 'h', number: 1, subjekt: 'x' }]))
      .rejects.toThrow('changes.subjekt: no such column (row 1)');
  });

  it('refuses a missing key and a value of the wrong type', async () => {
    await expect(store.write('tasks', [{ task_key: 'task:T1', restricted: false }])).rejects.toThrow('tasks.task_id: is required but missing');
    await expect(store.write('changes', [{ change_key: 'change:h:2', host: 'h', number: 'two' }])).rejects.toThrow('changes.number: expected a number, got "two"');
    await expect(store.write('changes', [{ change_key: 'change:h:2', host: 'h', number: 2, created_at: 'yesterday' }])).rejects.toThrow('changes.created_at: expected a time');
  });

  it('refuses a write mode the table does not have', async () => {
    await expect(store.upsert('test_results', [{ result_key: 'r', build_key: 'b', name: 'n', status: 'pass' }])).rejects.toThrow('test_results is append-only');
    await expect(store.append('changes', [{ change_key: 'c', host: 'h', number: 1 }])).rejects.toThrow('changes is an upsert table');
  });
});

describe('rows typed at compile time', () => {
  it('a misspelt column in a normalizer row does not compile', () => {
    const dir = fileURLToPath(new URL('../model/catalogue/', import.meta.url));
    const file = `${dir}__probe__.ts`;
    const text = `import type { RowsOf } from './index.ts';
const rows: RowsOf<'commits'> = [{ commit_key: 'k', repo: 'r', sha: 's', autor_name: 'x' }];
const ok: RowsOf<'changes'> = [{ change_key: 'k', host: 'h', number: 1, subject: 's' }];
const missing: RowsOf<'tasks'> = [{ task_key: 'k', restricted: false }];
export { rows, ok, missing };`;
    const host = ts.createCompilerHost({});
    const read = host.readFile;
    host.readFile = (f) => (f === file ? text : read(f));
    const exists = host.fileExists;
    host.fileExists = (f) => f === file || exists(f);
    const program = ts.createProgram([file], {
      strict: true, noEmit: true, allowImportingTsExtensions: true, module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [],
    }, host);
    const messages = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages.join('\n')).toContain("'autor_name' does not exist");
    expect(messages.join('\n')).toContain("'task_id' is missing");
    expect(messages).toHaveLength(2);
    expect(readFileSync(`${dir}index.ts`, 'utf8')).toContain('export type RowsOf');
  });
});
