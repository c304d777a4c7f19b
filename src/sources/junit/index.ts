// The `junit` source: JUnit XML reports (PHPUnit, karma/QUnit, WebdriverIO, jest-junit, Ant)
// read as a stream and cut into raw chunks of verbatim XML. `shiplog import junit <file|dir…>
// [--build KEY] [--repo R] [--job J] [--change N --patchset P]`.
import type { Source } from '../types.ts';
import { collectJUnit } from './collect.ts';
import { junitConfigSchema, type JUnitConfig } from './config.ts';
import { normalizeJUnit } from './normalize.ts';

export const junitSource: Source<JUnitConfig> = {
  name: 'junit',
  description: 'JUnit XML test reports (PHPUnit, karma/QUnit, WebdriverIO, jest-junit, Ant) → test_results',
  configSchema: junitConfigSchema,
  scopes: ({ paths }) => paths,
  collect: collectJUnit,
  normalize: (records) => normalizeJUnit(records),
};
