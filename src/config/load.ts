// Loads the config once: YAML parsed → ${ENV} substituted in string values (after
// parsing, so a secret cannot reshape the document) → validated with zod → CLI flags →
// frozen. Nothing else in shiplog reads process.env; the env arrives here as an argument.
import { redactDeep } from '../lib/redact.ts';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ShiplogError } from '../lib/errors.ts';
import { configSchema, secretPaths, type Config } from './schema.ts';

export interface LoadInput {
  /** --config, else SHIPLOG_CONFIG, else ./shiplog.yaml when it exists. */
  path?: string;
  env: Record<string, string | undefined>;
  flags?: { db?: string; engine?: string };
  cwd?: string;
}

export interface LoadedConfig {
  config: Readonly<Config>;
  file: string | null;
  dbPath: string;
}

function substitute(value: unknown, path: string, env: LoadInput['env'], file: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const v = env[name];
      if (v === undefined) {
        throw new ShiplogError('config_invalid', `${file}: ${path}: environment variable ${name} is not set`);
      }
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, `${path}[${i}]`, env, file));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substitute(v, path ? `${path}.${k}` : k, env, file)]),
    );
  }
  return value;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

export function loadConfig(input: LoadInput): LoadedConfig {
  const cwd = input.cwd ?? process.cwd();
  const explicit = input.path ?? input.env.SHIPLOG_CONFIG;
  const file = explicit ?? (existsSync(`${cwd}/shiplog.yaml`) ? `${cwd}/shiplog.yaml` : null);
  let doc: unknown = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ShiplogError('config_invalid', `${file}: cannot read the config file: ${(err as Error).message}`, { cause: err });
    }
    try {
      doc = parse(text) ?? {};
    } catch (err) {
      throw new ShiplogError('config_invalid', `${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`, { cause: err });
    }
  }
  const where = file ?? '(no config file)';
  const substituted = substitute(doc, '', input.env, where);
  const parsed = configSchema.safeParse(substituted);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const key = first.path.join('.') || '(top level)';
    throw new ShiplogError('config_invalid', `${where}: ${key}: ${first.message}`);
  }
  const config = parsed.data;
  const engineFlag = input.flags?.engine ?? input.env.SHIPLOG_ENGINE;
  if (engineFlag !== undefined) {
    const from = input.flags?.engine !== undefined ? '--engine' : 'SHIPLOG_ENGINE';
    if (engineFlag !== 'duckdb' && engineFlag !== 'clickhouse') throw new ShiplogError('config_invalid', `${from}: ${JSON.stringify(engineFlag)} is not an engine (duckdb or clickhouse)`);
    config.engine = engineFlag;
  }
  const fallback = config.engine === 'clickhouse' ? './shiplog.clickhouse' : './shiplog.duckdb';
  const dbPath = input.flags?.db ?? input.env.SHIPLOG_DB ?? config.db ?? fallback;
  return { config: deepFreeze({ ...config, db: dbPath }), file, dbPath };
}

/** The config as `shiplog config` prints it: secrets replaced by "***", credentials cut out of URLs. */
export function redactConfig(config: Config): unknown {
  const copy = redactDeep(structuredClone(config)) as Record<string, unknown>;
  for (const path of secretPaths()) {
    const parts = path.split('.');
    let node: Record<string, unknown> | undefined = copy;
    for (const p of parts.slice(0, -1)) node = node?.[p] as Record<string, unknown> | undefined;
    const last = parts[parts.length - 1];
    if (node && node[last] !== undefined) node[last] = '***';
  }
  return copy;
}
