// sources.workflow in shiplog.yaml: spool or event files (JSON lines) `shiplog sync
// workflow` re-reads. Usually empty: events arrive from `shiplog window|deploy` directly.
import { z } from 'zod';

export const workflowConfigSchema = z.object({ paths: z.array(z.string().min(1)).default([]) }).strict();

export type WorkflowConfig = z.infer<typeof workflowConfigSchema>;
