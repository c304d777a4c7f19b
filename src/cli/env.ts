// The CLI's environment, built once per invocation from the global flags: the loaded
// config, logger, clock, output streams, and access to the store — the local file, or
// the running server that owns it. Commands receive this; nothing reads process.env.
import { loadConfig, type LoadedConfig } from '../config/load.ts';
import { createLogger, type Logger } from '../lib/log.ts';
import { openStore, type Store } from '../store/index.ts';
import type { ServiceDeps } from '../sync/service.ts';
import { createProgress } from './progress.ts';
import { findLocalServer, type Remote } from './remote.ts';

export interface GlobalOptions {
  db?: string;
  config?: string;
  json?: boolean;
  verbose?: boolean;
}

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  stdinIsTTY: boolean;
  /** stdout is a terminal: CSV then shows control characters escaped (tables always do). */
  stdoutIsTTY?: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  fetch: typeof fetch;
  clock: () => Date;
}

export class CliEnv {
  private loadedConfig?: LoadedConfig;
  private logger?: Logger;
  constructor(
    readonly io: CliIO,
    private readonly globals: () => GlobalOptions,
  ) {}

  get opts(): GlobalOptions {
    return this.globals();
  }

  get json(): boolean {
    return Boolean(this.globals().json);
  }

  get loaded(): LoadedConfig {
    this.loadedConfig ??= loadConfig({
      path: this.globals().config,
      env: this.io.env,
      flags: { db: this.globals().db },
      cwd: this.io.cwd,
    });
    return this.loadedConfig;
  }

  get log(): Logger {
    this.logger ??= createLogger(this.globals().verbose ? 'info' : (this.io.env.SHIPLOG_LOG_LEVEL ?? 'warn'));
    return this.logger;
  }

  print(text: string): void {
    this.io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** The running server that owns the database, if any. */
  remote(): Promise<Remote | null> {
    return findLocalServer(this.loaded.dbPath, this.io.fetch);
  }

  /** Opens the database file for the length of fn, with progress bars on a TTY. */
  async withStore<T>(fn: (deps: ServiceDeps & { store: Store }) => Promise<T>): Promise<T> {
    const store = await openStore(this.loaded.dbPath, { memoryLimit: this.loaded.config.db_memory_limit });
    const progress = createProgress(this.io.isTTY && !this.json);
    try {
      return await fn({
        store, config: this.loaded.config, log: this.log, clock: this.io.clock, fetch: this.io.fetch,
        onProgress: (ev) => progress.update(ev),
      });
    } finally {
      progress.stop();
      await store.close();
    }
  }
}
