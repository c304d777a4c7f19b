// Every demo emitter, one line each, in ingest order. An emitter writes the world in
// one source's real wire format under `dir` and says what to import. Gerrit comes before
// git, so config deployments find their changes' numbers by Change-Id when git derives them.
import type { DemoWorld } from './types.ts';
import { emitCalendar } from './emit/calendar.ts';
import { emitIncidents } from './emit/incidents.ts';
import { emitJenkins } from './emit/jenkins.ts';
import { emitGit } from './emit/git.ts';
import { emitMediawikiConfig } from './emit/mediawiki-config.ts';
import { emitPhabricator } from './emit/phabricator.ts';
import { emitSal } from './emit/sal.ts';
import { emitGerritNotedb } from './emit/gerrit-notedb.ts';
import { emitZuul } from './emit/zuul.ts';
import { emitStewardship } from './emit/stewardship.ts';

export interface DemoImport {
  source: string;
  /** What was written (removed once imported); imported as paths unless `config` is given. */
  paths: string[];
  options?: Record<string, unknown>;
  /** The source's config section naming these paths (e.g. many mirrors): one sync over all of them. */
  config?: unknown;
}

export type Emitter = (world: DemoWorld, dir: string) => Promise<DemoImport[]>;

export const EMITTERS: { name: string; emit: Emitter }[] = [
  // first: its sources write no linked table, and each import's link pass is cheapest on an empty store
  { name: 'stewardship', emit: emitStewardship },
  { name: 'gerrit-notedb', emit: emitGerritNotedb },
  { name: 'git', emit: emitGit },
  { name: 'mediawiki-config', emit: emitMediawikiConfig },
  { name: 'phabricator', emit: emitPhabricator },
  { name: 'sal', emit: emitSal },
  { name: 'calendar', emit: emitCalendar },
  { name: 'incidents', emit: emitIncidents },
  { name: 'jenkins', emit: emitJenkins },
  { name: 'zuul', emit: emitZuul },
];
