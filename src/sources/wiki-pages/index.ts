// The `wiki-pages` source: mediawiki.org pages of extensions and skins ({{Extension}}
// status, maintainer, Phabricator project; {{Archived extension}}) and the
// Developers/Maintainers tables, from saved API answers with their revision history.
// `shiplog import wiki-pages <file or folder…>`. Docs: docs/sources/wiki-pages.md.
import { z } from 'zod';
import type { Source } from '../types.ts';
import { deriveFactPeriods, deriveLifecycle, emptyDerive } from '../steward-common/derive.ts';
import { collectWikiPages } from './collect.ts';
import { normalizeWikiPages } from './normalize.ts';

export const wikiPagesSchema = z.object({}).strict();

export const wikiPagesSource: Source<unknown> = {
  name: 'wiki-pages',
  description: 'mediawiki.org extension and skin pages ({{Extension}} status, maintainer, Phabricator project, {{Archived extension}}) and Developers/Maintainers',
  configSchema: wikiPagesSchema,
  scopes: ({ paths }) => (paths.length > 0 ? ['mediawiki.org'] : []),
  collect: collectWikiPages,
  normalize: normalizeWikiPages,
  async derive(read) {
    const out = emptyDerive();
    await deriveFactPeriods(read, null, ['wiki.'], out);
    out.deletes!.push({ table: 'stewards', where: 'since_at < (SELECT max(s2.since_at) FROM stewards s2 WHERE s2.page = stewards.page)' });
    await deriveLifecycle(read, out);
    return out;
  },
};
