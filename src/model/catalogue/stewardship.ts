// Stewardship of extensions and skins: per-commit activity of their repositories, the
// dated standards targets they are measured against (LibUp's releases.json history and
// standards.yaml), the lifecycle status reconciled from every signal, and the stewards
// named on mediawiki.org. The facts themselves are `repo_facts` (code.ts).
import { col, defineTable, derived, req } from './define.ts';

/** Sources and steps that write lifecycle signals, and so recompute the reconciled status. */
export const LIFECYCLE_WRITERS = ['extensions', 'ci-config', 'wiki-pages', 'gerrit-projects', 'extension-list', 'lifecycle'] as const;

export const repoActivity = defineTable({
  name: 'repo_activity',
  doc: 'a first-parent commit of an extension or skin repository, classified human or bot',
  mode: 'append',
  key: ['activity_key'],
  writers: ['extensions'],
  columns: {
    activity_key: req('text', '<repo>@<sha>'),
    repo: req('text', 'e.g. mediawiki/extensions/Echo'),
    sha: req('text'),
    committed_at: req('timestamp', 'committer time (UTC)'),
    authored_at: col('timestamp'),
    author_name: col('text', 'the merged commit\'s author for a Gerrit merge commit'),
    author_email: col('text'),
    committer_name: col('text'),
    is_merge: col('bool'),
    human: req('bool', 'false when every person on the commit is a known bot'),
    bot: col('text', 'which bot (libraryupgrader, translatewiki, …) when not human'),
    subject: col('text'),
    touches_standards: col('bool', 'changed a manifest, dependency, lint or test file'),
    definition_version: col('int', 'version of the bot list that classified it'),
    raw_id: col('text'),
  },
});

export const standardsTargets = defineTable({
  name: 'standards_targets',
  doc: 'a dated target for a repository fact (LibUp releases.json history, standards.yaml)',
  mode: 'upsert',
  key: ['target_key'],
  writers: ['libup-targets', 'extensions'],
  version: [{ column: 'definition_version', prefer: 'max' }],
  columns: {
    target_key: req('text', '<source>:<branch>:<fact>:<truth>:<since ISO>'),
    source: req('text', 'libup or standards'),
    branch: req('text', 'LibUp branch key (main, REL1_39, …); main for standards.yaml'),
    fact: req('text', 'the repo_facts fact it applies to, e.g. dep.mediawiki/mediawiki-codesniffer'),
    truth: req('text', 'safe (LibUp planner: declared ≥ target), latest (= the newest version), required (standards.yaml)'),
    rule: req('text', '>=, =, present, absent, one_of'),
    target: col('text', 'version, or the accepted values separated by |'),
    since_at: req('timestamp', 'when the target came into force'),
    since_commit: col('text'),
    until_at: derived('timestamp', 'standards-targets', 'when the next target replaced it; NULL while in force'),
    skip: col('text[]', 'LibUp skip prefixes: declared versions starting so are left alone'),
    note: col('text'),
    definition_version: col('int'),
    raw_id: col('text'),
  },
});

export const repoLifecycle = defineTable({
  name: 'repo_lifecycle',
  doc: 'the lifecycle status of an extension or skin reconciled from every signal, with a disagreement flag',
  mode: 'upsert',
  key: ['repo'],
  writers: LIFECYCLE_WRITERS,
  columns: {
    repo: req('text'),
    status: req('text', 'archived, obsolete, broken, unmaintained, wikimedia-deployed, maintained'),
    reason: col('text', 'the signal that decided the status'),
    maturity: col('text', '{{Extension}} status: stable, beta, experimental, unmaintained, obsolete, unknown'),
    deployed: col('bool'),
    archived: col('bool'),
    disagree: req('bool', 'true when the sources disagree'),
    disagreements: col('text[]', 'each disagreement in words'),
    last_human_commit_at: col('timestamp'),
    last_bot_commit_at: col('timestamp', 'last commit by bots only, when after the last human commit'),
    archived_at: col('timestamp', 'earliest archive signal'),
    as_of: col('timestamp', 'newest signal date the reconciliation saw'),
    definition_version: col('int'),
    raw_id: col('text', 'always NULL: derived from repo_facts and repo_activity'),
  },
});

export const stewards = defineTable({
  name: 'stewards',
  doc: 'a row of mediawiki.org Developers/Maintainers: component, steward team, individual maintainers',
  mode: 'upsert',
  key: ['steward_key'],
  writers: ['wiki-pages'],
  version: [{ column: 'since_at', prefer: 'max' }],
  columns: {
    steward_key: req('text', '<page>#<section>#<component>'),
    page: req('text'),
    section: col('text', 'the heading the table is under'),
    component: req('text', 'as written, e.g. Echo or [[Extension:Echo|Echo]]'),
    repo: col('text', 'the extension or skin repository the component names'),
    description: col('text'),
    steward_team: col('text'),
    maintainers: col('text[]', 'individual maintainers'),
    consulted: col('text'),
    informed: col('text'),
    since_at: col('timestamp', 'revision time of the page'),
    raw_id: col('text'),
  },
});
