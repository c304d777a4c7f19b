// Every demo emitter, one line each, in ingest order. An emitter writes the world in
// one source's real wire format under `dir` and says what to import.
import type { DemoWorld } from './types.ts';
import { emitCalendar } from './emit/calendar.ts';
import { emitIncidents } from './emit/incidents.ts';
import { emitJenkins } from './emit/jenkins.ts';
import { emitGit } from './emit/git.ts';
import { emitMediawikiConfig } from './emit/mediawiki-config.ts';
import { emitPhabricator } from './emit/phabricator.ts';
import { emitSal } from './emit/sal.ts';
import { emitGerritNotedb } from './emit/gerrit-notedb.ts';

export interface DemoImport {
  source: string;
  paths: string[];
  options?: Record<string, unknown>;
}

export type Emitter = (world: DemoWorld, dir: string) => Promise<DemoImport[]>;

export const EMITTERS: { name: string; emit: Emitter }[] = [
  { name: 'git', emit: emitGit },
  { name: 'mediawiki-config', emit: emitMediawikiConfig },
  { name: 'phabricator', emit: emitPhabricator },
  { name: 'sal', emit: emitSal },
  { name: 'calendar', emit: emitCalendar },
  { name: 'incidents', emit: emitIncidents },
  { name: 'jenkins', emit: emitJenkins },
  { name: 'gerrit-notedb', emit: emitGerritNotedb },
];
