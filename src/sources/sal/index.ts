// The `sal` source: every Server Admin Log entry (stashbot/Elasticsearch documents,
// wikitech archive pages, sal.toolforge.org HTML and Atom) into log_entries, and the
// scap deployments paired from them. `shiplog import sal <path…>` or sources.sal.
import { resolve } from 'node:path';
import type { Batch, CollectContext, Source } from '../types.ts';
import { collectFiles } from './collect-file.ts';
import { collectEndpoint } from './collect-http.ts';
import { salConfigSchema, type SalConfig } from './config.ts';
import { deriveSal } from './derive.ts';
import { normalizeSal } from './normalize.ts';

async function* collectSal(ctx: CollectContext<SalConfig>): AsyncGenerator<Batch> {
  if (ctx.paths.length > 0) {
    const paths = ctx.paths.filter((p) => resolve(p) === ctx.scope);
    yield* collectFiles(paths, (ctx.options.project as string | undefined) ?? null, ctx.cursor);
  } else {
    yield* collectEndpoint(ctx);
  }
}

export const salSource: Source<SalConfig> = {
  name: 'sal',
  description: 'Server Admin Log entries (stashbot documents, wikitech pages, sal.toolforge.org HTML/Atom) and the scap deployments paired from them',
  configSchema: salConfigSchema,
  scopes: ({ config, paths }) => (paths.length > 0 ? paths.map((p) => resolve(p)) : (config?.endpoints ?? []).map((e) => e.name)),
  collect: collectSal,
  normalize: (records) => normalizeSal(records),
  derive: (read) => deriveSal(read),
};
