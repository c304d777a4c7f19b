// `shiplog config`: the resolved config (file, ${ENV} substituted, defaults, flags) with
// secrets replaced by "***".
import type { Command } from 'commander';
import type { CliEnv } from '../env.ts';
import { toJson } from '../format.ts';

export function register(program: Command, env: CliEnv): void {
  program
    .command('config')
    .description('print the resolved configuration, secrets hidden')
    .action(async () => {
      const [{ redactConfig }, { stringify }] = await Promise.all([import('../../config/load.ts'), import('yaml')]);
      const { config, file } = env.loaded;
      const shown = { file, ...(redactConfig(config) as object) };
      env.print(env.json ? toJson(shown) : stringify(shown));
    });
}
