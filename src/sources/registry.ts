// Every source, one line each. Adding a source touches nothing else.
import type { Source } from './types.ts';
import { gitSource } from './git/index.ts';

export const SOURCES: Source<any>[] = [
  gitSource,
];

export function findSource(name: string): Source<any> | undefined {
  return SOURCES.find((s) => s.name === name);
}
