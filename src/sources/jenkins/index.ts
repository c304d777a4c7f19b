// The `jenkins` source: builds of configured jobs (or every job of configured folders) with
// their Zuul parameters, and their test results from testReport/api/json or archived JUnit
// artifacts. `shiplog sync jenkins`; `shiplog import jenkins <dir>` reads recorded responses.
import type { Source } from '../types.ts';
import { collectJenkins } from './collect.ts';
import { jenkinsConfigSchema, type JenkinsConfig } from './config.ts';
import { normalizeJenkins } from './normalize.ts';

export const jenkinsSource: Source<JenkinsConfig> = {
  name: 'jenkins',
  description: 'Jenkins builds (result, duration, node, Zuul parameters) and their JUnit test results',
  configSchema: jenkinsConfigSchema,
  secrets: ['token'],
  scopes: ({ config, paths }) =>
    paths.length > 0 ? paths : [...(config?.jobs ?? []), ...(config?.folders ?? []).map((f) => `folder:${f}`)],
  collect: collectJenkins,
  // The Gerrit host is not in a build's record; Wikimedia's is the default (ids.DEFAULT_GERRIT_HOST).
  normalize: (records) => normalizeJenkins(records),
};
