// DuckDB's error text turned into one line naming the position in the user's query.
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { describeSqlError } from './sql-error.ts';

async function errorOf(sql: string): Promise<string> {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    await conn.run(sql);
  } catch (err) {
    return (err as Error).message;
  } finally {
    conn.closeSync();
  }
  throw new Error(`expected ${sql} to fail`);
}

describe('describeSqlError', () => {
  it.each([
    ['SELEC 1', 'Parser Error: syntax error at or near "SELEC" (line 1, column 1)'],
    ['SELECT a,\n  b frm x', 'Parser Error: syntax error at or near "x" (line 2, column 9)'],
    ['SELECT 1 FROM', 'Parser Error: syntax error at end of input (line 1, column 14)'],
    ['SELECT nope FROM range(3)', 'Binder Error: Referenced column "nope" not found in FROM clause! (line 1, column 8); Candidate bindings: "range"'],
  ])('%j', async (sql, expected) => {
    expect(describeSqlError(await errorOf(sql), sql)).toBe(expected);
  });

  it('finds the column in a long line DuckDB shows cut with "..."', async () => {
    const sql = `SELECT ${Array.from({ length: 40 }, (_, i) => `${i} AS c${i}`).join(', ')}, nope FROM range(1)`;
    const text = describeSqlError(await errorOf(sql), sql);
    const column = Number(/column (\d+)\)/.exec(text)?.[1]);
    expect(sql.slice(column - 1, column + 3)).toBe('nope');
  });
});
