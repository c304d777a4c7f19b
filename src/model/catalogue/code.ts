// Repositories, their commits, and the facts about a repository over time (manifest,
// dev dependencies, CI templates, lifecycle): what the git, extensions and ci-config
// sources read from repository history.
import { col, defineTable, derived, req } from './define.ts';

export const repos = defineTable({
  name: 'repos',
  doc: 'repository',
  mode: 'upsert',
  key: ['repo_key'],
  writers: ['git', 'extensions', 'ci-config', 'wiki-pages', 'gerrit-projects', 'extension-list', 'lifecycle'],
  columns: {
    repo_key: req('text', 'repo:<name>'),
    name: req('text', 'e.g. mediawiki/extensions/Math'),
    kind: col('text', 'core, extension, skin, config, service, other'),
    status: derived('text', 'lifecycle', 'lifecycle status reconciled from every signal'),
    deployed: derived('bool', 'lifecycle', 'Wikimedia-deployed'),
    archived: derived('bool', 'lifecycle'),
    default_branch: col('text'),
    raw_id: col('text'),
  },
});

export const commits = defineTable({
  name: 'commits',
  doc: 'commit in a repository, footers parsed',
  mode: 'append',
  key: ['commit_key'],
  writers: ['git'],
  columns: {
    commit_key: req('text', 'commit:<repo>:<sha>'),
    repo: req('text'),
    sha: req('text'),
    parents: col('text[]'),
    is_merge: col('bool'),
    first_parent: derived('bool', 'first-parent', 'on the first-parent line of the default branch'),
    author_name: col('text'),
    author_email: col('text'),
    authored_at: col('timestamp'),
    committer_name: col('text'),
    committer_email: col('text'),
    committed_at: col('timestamp'),
    subject: col('text'),
    message: col('text'),
    files: col('text[]'),
    change_id: col('text'),
    bug_tasks: col('text[]', 'T123 from Bug: footers'),
    bug_legacy: col('text[]', 'numeric Bugzilla ids from Bug: footers'),
    depends_on: col('text[]'),
    reverts_sha: col('text'),
    raw_id: col('text'),
  },
});

export const repoFacts = defineTable({
  name: 'repo_facts',
  doc: 'a period in which a fact about a repository held one value',
  mode: 'upsert',
  key: ['repo', 'fact', 'since_at'],
  writers: ['extensions', 'ci-config', 'wiki-pages', 'gerrit-projects', 'extension-list', 'repo-facts'],
  version: [{ column: 'definition_version', prefer: 'max' }],
  columns: {
    repo: req('text', 'repository name, e.g. mediawiki/extensions/Echo'),
    fact: req('text', 'stable fact id, e.g. manifest.present, dep.eslint-config-wikimedia, ci.archived'),
    value: col('text'),
    since_at: req('timestamp', 'when the value started to hold (committer time of the commit that set it)'),
    since_commit: col('text'),
    until_at: derived('timestamp', 'repo-facts', 'when the next value replaced it; NULL while it holds'),
    definition_version: col('int', 'version of the rule that read the fact'),
    raw_id: col('text'),
  },
});
