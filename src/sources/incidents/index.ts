// The `incidents` source: wikitech incident reports (wikitext or rendered text), with the
// outage times, detection, summary and what they reference.
// `shiplog import incidents <file|folder|api.php URL> [--option preceding_hours=N]` or sources.incidents.
import { resolve } from 'node:path';
import type { Source } from '../types.ts';
import { collectIncidents } from './collect.ts';
import { incidentsConfigSchema, type IncidentsConfig } from './config.ts';
import { normalizeIncidents } from './normalize.ts';

export const incidentsSource: Source<IncidentsConfig> = {
  name: 'incidents',
  description: 'Incident reports from wikitech: outage start/end, detection, summary, referenced tasks, changes and SAL entries',
  configSchema: incidentsConfigSchema,
  scopes: ({ config, paths }) => (paths.length > 0 ? paths : [...(config?.paths ?? []), ...(config?.api ? [config.api] : [])])
    .map((p) => (/^https?:\/\//.test(p) ? p : resolve(p))),
  collect: collectIncidents,
  normalize: normalizeIncidents,
};
