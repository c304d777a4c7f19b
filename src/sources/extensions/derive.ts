// After an extensions import: periods of the repositories' facts and of the standards
// targets, the activity facts, and the lifecycle of every extension and skin
// (src/sources/steward-common/derive.ts).
import type { DeriveResult, ReadFn } from '../types.ts';
import { deriveActivityFacts, deriveFactPeriods, deriveLifecycle, deriveTargetPeriods, emptyDerive } from '../steward-common/derive.ts';

export const EXTENSION_FACT_PREFIXES = ['manifest.', 'dep.', 'file.', 'eslint.', 'tests.'];

export async function deriveExtensions(read: ReadFn, ctx: { scopes: string[] }): Promise<DeriveResult> {
  const out = emptyDerive();
  await deriveFactPeriods(read, ctx.scopes, EXTENSION_FACT_PREFIXES, out);
  await deriveTargetPeriods(read, 'standards', out);
  await deriveActivityFacts(read, ctx.scopes, out);
  await deriveLifecycle(read, out);
  return out;
}
