// The CLI's environment, built once per invocation from the global flags: the loaded
// config, logger, clock, output streams, and access to the store — the local file, or
// the running server that owns it. Commands receive this; nothing reads process.env.
// The config loader, logger, store and server client are imported on first use
// (prepare() runs before every action), so `shiplog --help` loads none of them.
import { existsSync } from 'node:fs';
import { ShiplogError } from '../lib/errors.ts';
import { toTable, type TableOptions } from './format.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Logger } from '../lib/log.ts';
import type { Store } from '../store/index.ts';
import type { ServiceDeps } from '../sync/service.ts';
import type { Progress } from './progress.ts';
import type { Remote } from './remote.ts';

export interface GlobalOptions {
  db?: string;
  engine?: string;
  config?: string;
  json?: boolean;
  verbose?: boolean;
  debug?: boolean;
  wide?: boolean;
}

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr is a terminal (progress bars go there). */
  isTTY: boolean;
  stdinIsTTY: boolean;
  /** stdout is a terminal: CSV then shows control characters escaped (tables always do). */
  stdoutIsTTY?: boolean;
  /** Width of the terminal stdout prints to, when it is one. */
  columns?: number;
  env: Record<string, string | undefined>;
  cwd: string;
  fetch: typeof fetch;
  clock: () => Date;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `serve` waits for it. */
  stopped?: () => Promise<void>;
}

type ConfigLoader = typeof import('../config/load.ts').loadConfig;

export class CliEnv {
  private loadedConfig?: LoadedConfig;
  private logger?: Logger;
  private loader?: ConfigLoader;
  private makeLogger?: (opts: { level: string; json: boolean; debug: boolean; write: (t: string) => void }) => Logger;
  constructor(
    readonly io: CliIO,
    private readonly globals: () => GlobalOptions,
  ) {}

  /** Loads what every command needs (config loader, logger); runs before each action. */
  async prepare(): Promise<void> {
    this.loader ??= (await import('../config/load.ts')).loadConfig;
    this.makeLogger ??= (await import('./log.ts')).createCliLogger;
  }

  get opts(): GlobalOptions {
    return this.globals();
  }

  get json(): boolean {
    return Boolean(this.globals().json);
  }

  get loaded(): LoadedConfig {
    if (!this.loader) throw new Error('CliEnv.prepare() must run before the config is read');
    this.loadedConfig ??= this.loader({
      path: this.globals().config,
      env: this.io.env,
      flags: { db: this.globals().db, engine: this.globals().engine },
      cwd: this.io.cwd,
    });
    return this.loadedConfig;
  }

  get log(): Logger {
    if (!this.makeLogger) throw new Error('CliEnv.prepare() must run before the logger is used');
    const g = this.globals();
    const level = g.debug ? 'debug' : g.verbose ? 'info' : (this.io.env.SHIPLOG_LOG_LEVEL ?? 'warn');
    this.logger ??= this.makeLogger({ level, json: this.json, debug: Boolean(g.debug), write: this.io.stderr });
    return this.logger;
  }

  print(text: string): void {
    this.io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  }

  /**
   * How a table is laid out: fitted to the terminal stdout prints to (or COLUMNS); in
   * full with --wide; with no terminal, long cells are cut at 60 characters.
   */
  get tableOptions(): TableOptions {
    if (this.globals().wide) return {};
    const fromEnv = Number(this.io.env.COLUMNS);
    const width = this.io.columns ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : undefined);
    return width ? { width } : { cellMax: 60 };
  }

  table(columns: string[], rows: Record<string, unknown>[]): string {
    return toTable(columns, rows, this.tableOptions);
  }

  /** The running server that owns the database, if any. */
  async remote(): Promise<Remote | null> {
    const { findLocalServer } = await import('./remote.ts');
    return findLocalServer(this.loaded.dbPath, this.io.fetch, { onWait: (m) => this.io.stderr(m) });
  }

  /** Refuses a command that only reads when the database file does not exist. */
  requireDatabase(): void {
    const { dbPath, file, config } = this.loaded;
    if (dbPath !== ':memory:' && !(config.engine === 'clickhouse' && config.clickhouse.url) && !existsSync(dbPath)) {
      const from = this.globals().db ? '--db' : this.io.env.SHIPLOG_DB ? 'SHIPLOG_DB' : file ? `db in ${file}` : 'the default';
      throw new ShiplogError('not_found', `${dbPath}: no such database (from ${from}); create one with shiplog demo, import or sync`);
    }
  }

  /**
   * Opens the database file for the length of fn, with progress bars on a TTY.
   * `create: false` (commands that only read) refuses a missing file instead of making one.
   */
  async withStore<T>(fn: (deps: ServiceDeps & { store: Store; progress: Progress }) => Promise<T>, opts: { create?: boolean } = {}): Promise<T> {
    if (opts.create === false) this.requireDatabase();
    const [{ openStore, storeOptionsOf }, { createProgress }] = await Promise.all([import('../store/index.ts'), import('./progress.ts')]);
    const store = await openStore(this.loaded.dbPath, storeOptionsOf(this.loaded.config));
    const progress = createProgress({ enabled: this.io.isTTY && !this.json, write: this.io.stderr, clock: () => Date.now() });
    try {
      return await fn({
        store, config: this.loaded.config, log: this.log, clock: this.io.clock, fetch: this.io.fetch,
        onProgress: (ev) => progress.update(ev), progress,
      });
    } finally {
      progress.stop();
      await store.close();
    }
  }
}
