// sources.jenkins in shiplog.yaml: which Jenkins, which jobs (or folders whose jobs are all
// read), credentials from the environment (`token: ${JENKINS_TOKEN}`), and how tests are read.
import { z } from 'zod';

export const jenkinsConfigSchema = z
  .object({
    /** Jenkins root, e.g. https://integration.wikimedia.org/ci */
    url: z.url(),
    user: z.string().min(1).optional(),
    /** API token; write `${JENKINS_TOKEN}` so it comes from the environment. */
    token: z.string().min(1).optional(),
    /** Job names (or folder paths "a/b"); each is one scope with its own cursor. */
    jobs: z.array(z.string().min(1)).default([]),
    /** Folders whose jobs are listed at each run ("" for the root). */
    folders: z.array(z.string()).default([]),
    /** Only jobs whose name matches this regular expression (with folders). */
    job_pattern: z.string().optional(),
    /** Builds per /api/json page ({from,to} range). */
    page_size: z.number().int().positive().max(1000).default(100),
    /** testReport/api/json, archived JUnit artifacts, report then artifacts when it is absent, or none. */
    tests: z.enum(['report', 'artifacts', 'report-then-artifacts', 'none']).default('report-then-artifacts'),
    /** Archived artifacts read as JUnit (glob on relativePath; * matches within a path segment). */
    artifacts: z.array(z.string()).default(['log/junit*.xml', 'log/WDIO.xunit*.xml']),
    gerrit_host: z.string().min(1).optional(),
    retries: z.number().int().min(0).max(10).default(4),
    retry_base_ms: z.number().int().min(0).default(500),
    /** Longest wait between retries; a Retry-After asking for longer fails the scope at once. */
    retry_max_ms: z.number().int().min(0).default(60_000),
  })
  .strict();

export type JenkinsConfig = z.infer<typeof jenkinsConfigSchema>;
