// The one way workflow events enter the database, for the API routes and the local CLI:
// through the pipeline as raw records of the `workflow` source (raw first, idempotent:
// the same event delivered twice is stored once).
import { runSource, type PipelineDeps } from '../sync/pipeline.ts';
import type { SourceSummary } from '../sync/summary.ts';
import { workflowSource } from '../sources/workflow/index.ts';
import type { WorkflowEvent } from '../sources/workflow/events.ts';

export async function ingestWorkflowEvents(deps: PipelineDeps, events: WorkflowEvent[]): Promise<SourceSummary> {
  return runSource(deps, { source: workflowSource, config: undefined, paths: [], options: { events } });
}
