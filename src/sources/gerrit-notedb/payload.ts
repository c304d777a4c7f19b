// The raw item of the gerrit-notedb source: one change, as git printed it. Built by
// collect.ts, read by normalize.ts. Each field keeps git's own output unchanged.

export interface ChangeMetaPayload {
  /** Gerrit project (repository name), from --name or the mirror's folder. */
  project: string;
  host: string;
  number: number;
  /** `refs/changes/NN/N/<P|meta>` → sha, as `git for-each-ref` listed them. */
  refs: Record<string, string>;
  /** `git log --format=raw refs/changes/NN/N/meta` (newest first). */
  meta: string;
  /** `git cat-file commit <current patch set sha>`, or null when the object is absent. */
  commit: string | null;
}
