// Every source, one line each. Adding a source touches nothing else.
import type { Source } from './types.ts';
import { gitSource } from './git/index.ts';
import { salSource } from './sal/index.ts';
import { junitSource } from './junit/index.ts';
import { jenkinsSource } from './jenkins/index.ts';
import { zuulSource } from './zuul/index.ts';
import { phabricatorSource } from './phabricator/index.ts';
import { calendarSource } from './calendar/index.ts';
import { workflowSource } from './workflow/index.ts';
import { incidentsSource } from './incidents/index.ts';
import { gerritNotedbSource } from './gerrit-notedb/index.ts';
import { gerritSource } from './gerrit/index.ts';
import { extensionsSource } from './extensions/index.ts';
import { ciConfigSource } from './ci-config/index.ts';
import { libupTargetsSource } from './libup-targets/index.ts';
import { extensionListSource } from './extension-list/index.ts';
import { wikiPagesSource } from './wiki-pages/index.ts';
import { gerritProjectsSource } from './gerrit-projects/index.ts';

export const SOURCES: Source<any>[] = [
  gitSource,
  salSource,
  junitSource,
  jenkinsSource,
  zuulSource,
  phabricatorSource,
  calendarSource,
  workflowSource,
  incidentsSource,
  gerritNotedbSource,
  gerritSource,
  extensionsSource,
  ciConfigSource,
  libupTargetsSource,
  extensionListSource,
  wikiPagesSource,
  gerritProjectsSource,
];

export function findSource(name: string): Source<any> | undefined {
  return SOURCES.find((s) => s.name === name);
}
