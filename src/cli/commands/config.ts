// `shiplog config`: the resolved config (file, ${ENV} substituted, defaults, flags) with
// secrets replaced by "***".
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { redactConfig } from '../../config/load.ts';
import type { CliEnv } from '../env.ts';
import { toJson } from '../format.ts';

export function register(program: Command, env: CliEnv): void {
  program
    .command('config')
    .description('print the resolved configuration, secrets hidden')
    .action(() => {
      const { config, file } = env.loaded;
      const shown = { file, ...(redactConfig(config) as object) };
      env.print(env.json ? toJson(shown) : stringify(shown));
    });
}
