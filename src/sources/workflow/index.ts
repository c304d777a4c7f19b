// The `workflow` source: the deployer's own record of windows and deploys (`shiplog window
// start|done`, `shiplog deploy -- …`), raw first like every source. Events arrive in
// memory from the CLI/API (scope "events") or from JSON-lines files (`import workflow f`).
import { resolve } from 'node:path';
import type { Source } from '../types.ts';
import { collectWorkflow, EVENTS_SCOPE } from './collect.ts';
import { workflowConfigSchema, type WorkflowConfig } from './config.ts';
import { normalizeWorkflow } from './normalize.ts';

export const workflowSource: Source<WorkflowConfig> = {
  name: 'workflow',
  description: 'Deployer workflow events: windows opened/closed and deploys wrapped by `shiplog deploy`',
  configSchema: workflowConfigSchema,
  scopes: ({ config, paths, options }) =>
    options.events ? [EVENTS_SCOPE] : (paths.length > 0 ? paths : (config?.paths ?? [])).map((p) => resolve(p)),
  collect: collectWorkflow,
  normalize: normalizeWorkflow,
};
