// Every derive step of shiplog, in one list: each declares the tables it reads and
// writes, and src/derive/run.ts runs the ones whose inputs changed in graph order.
// `shiplog status --json` shows the graph (key `derive`); docs/architecture.md lists it.
import type { Step } from '../model/step.ts';
import { LINK_STEPS } from '../link/run.ts';
import { ciConfigSource } from '../sources/ci-config/index.ts';
import { extensionListSource } from '../sources/extension-list/index.ts';
import { extensionsSource } from '../sources/extensions/index.ts';
import { gerritProjectsSource } from '../sources/gerrit-projects/index.ts';
import { gitSource } from '../sources/git/index.ts';
import { libupTargetsSource } from '../sources/libup-targets/index.ts';
import { phabricatorSource } from '../sources/phabricator/index.ts';
import { salSource } from '../sources/sal/index.ts';
import { wikiPagesSource } from '../sources/wiki-pages/index.ts';
import { sourceStep } from './source-step.ts';
import { peopleStep } from '../people/step.ts';
import { configDeploySubmitStep } from './steps/config-deploy-submit.ts';
import { deployWindowsStep } from './steps/deploy-windows.ts';
import { testResultsFromBuildsStep } from './steps/test-results-from-builds.ts';

/** What the lifecycle of an extension reads besides a source's own facts. */
const LIFECYCLE_INPUTS = ['repo_facts', 'repo_activity', 'repos'] as const;

export const STEPS: readonly Step[] = [
  sourceStep(gitSource, {
    name: 'git-lines',
    description: 'first-parent line of each branch; on operations/mediawiki-config the config deployments (at the commit; config-deploy-submit dates them by the Gerrit change) and the trains',
    reads: ['raw:git', 'commits'],
    writes: ['commits', 'deployments', 'deployment_items', 'links', 'trains', 'train_events'],
  }),
  sourceStep(salSource, {
    name: 'sal-deployments',
    description: 'scap start/finish pairs of the Server Admin Log into deployments, their items and links',
    reads: ['log_entries'],
    writes: ['deployments', 'deployment_items', 'links'],
  }),
  configDeploySubmitStep,
  deployWindowsStep,
  sourceStep(phabricatorSource, {
    name: 'phabricator-tasks',
    description: 'project names of tasks, train blocker tasks, and the purge of tasks that became restricted',
    reads: ['raw:phabricator', 'tasks', 'phab_projects', 'trains'],
    writes: ['tasks', 'trains', 'task_events', 'links', 'raw_records'],
  }),
  testResultsFromBuildsStep,
  sourceStep(extensionsSource, {
    name: 'extension-facts',
    description: 'periods of extension and skin facts, standards targets and activity; their lifecycle',
    reads: ['raw:extensions', 'standards_targets', ...LIFECYCLE_INPUTS],
  }),
  sourceStep(ciConfigSource, {
    name: 'ci-config-facts',
    description: 'CI templates of each extension and skin over time, replayed from layout.yaml diffs; their lifecycle',
    reads: ['raw:ci-config', ...LIFECYCLE_INPUTS],
  }),
  sourceStep(libupTargetsSource, {
    name: 'libup-targets',
    description: "periods of LibUp's dependency targets",
    reads: ['raw:libup-targets', 'standards_targets'],
  }),
  sourceStep(extensionListSource, {
    name: 'extension-list-facts',
    description: 'periods of wmf-config/extension-list membership; lifecycle',
    reads: ['raw:extension-list', ...LIFECYCLE_INPUTS],
  }),
  sourceStep(wikiPagesSource, {
    name: 'wiki-page-facts',
    description: 'periods of mediawiki.org page facts; lifecycle',
    reads: ['raw:wiki-pages', ...LIFECYCLE_INPUTS],
  }),
  sourceStep(gerritProjectsSource, {
    name: 'gerrit-project-facts',
    description: 'periods of Gerrit project states; lifecycle',
    reads: ['raw:gerrit-projects', ...LIFECYCLE_INPUTS],
  }),
  ...LINK_STEPS,
  peopleStep,
];
