import { join, resolve } from 'node:path';
import type { CentralStore } from '../central/central-store.js';
import type { User } from '../domain/entities.js';
import type { LocalStore } from '../local/local-store.js';
import { LocalRepositories } from '../local/repositories.js';
import { ScheduleRepository } from '../local/schedule-repository.js';
import { openDeviceStore } from './device-store.js';
import { redactUrl } from '../central/redact.js';
import { HubTokenFile, isHubUrl } from '../sync/hub-token-file.js';
import type { Remote } from '../sync/remote.js';
import { UsageError } from './cli-errors.js';
import { centralSecrets } from './secret-scrub.js';
import type { CliIo } from './cli-io.js';

/** Options every command accepts (the global options of `pfm`, README.md). */
export interface GlobalOptions {
  readonly data?: string;
  /** A URL, or true for a bare `--central` (then PFM_CENTRAL or the default). */
  readonly central?: string | true;
  readonly json?: boolean;
  readonly locale?: string;
}

/**
 * What a command runs against: this device's store, its repositories, and where to print. The store is
 * opened when a command first needs it: `pfm hub` keeps no state and never creates a device database.
 */
export class CliContext {
  #store: LocalStore | undefined;
  #repositories: LocalRepositories | undefined;

  constructor(
    private readonly openStore: () => LocalStore,
    readonly options: GlobalOptions & { readonly dataDir: string },
    readonly io: CliIo,
  ) {}

  static open(options: GlobalOptions, io: CliIo): CliContext {
    const dataDir = resolve(options.data ?? io.env.PFM_DATA ?? 'pfm-data');
    return new CliContext(
      () => openDeviceStore(join(dataDir, 'pfm.db'), io.now),
      { ...options, dataDir },
      io,
    );
  }

  get store(): LocalStore {
    return (this.#store ??= this.opened());
  }

  /** The device store, with the automatic schedules that fell due since pfm last ran posted. */
  private opened(): LocalStore {
    const store = this.openStore();
    // A read-only store (its folder not writable) still serves lists and reports: nothing is posted then.
    if (store.db.readonly) return store;
    const { refused } = new ScheduleRepository(store).postAllAutomatic();
    for (const r of refused)
      this.io.stderr(`schedule ${r.occurrence.scheduleId}: ${r.occurrence.date} not posted: ${r.reason}\n`);
    return store;
  }
  /** The store's repositories, made when a command first needs one. */
  get repositories(): LocalRepositories {
    return (this.#repositories ??= new LocalRepositories(this.store));
  }
  get users(): LocalRepositories['users'] {
    return this.repositories.users;
  }
  get categories(): LocalRepositories['categories'] {
    return this.repositories.categories;
  }
  get expenses(): LocalRepositories['expenses'] {
    return this.repositories.expenses;
  }
  get income(): LocalRepositories['income'] {
    return this.repositories.income;
  }
  get budgets(): LocalRepositories['budgets'] {
    return this.repositories.budgets;
  }
  get goals(): LocalRepositories['goals'] {
    return this.repositories.goals;
  }
  get accounts(): LocalRepositories['accounts'] {
    return this.repositories.accounts;
  }
  get transfers(): LocalRepositories['transfers'] {
    return this.repositories.transfers;
  }
  get bulkEdits(): LocalRepositories['bulkEdits'] {
    return this.repositories.bulkEdits;
  }
  get undo(): LocalRepositories['undo'] {
    return this.repositories.undo;
  }
  get reports(): LocalRepositories['reports'] {
    return this.repositories.reports;
  }

  get json(): boolean {
    return this.options.json === true;
  }

  /** How amounts typed for this user are read: their currency, and --locale when given. */
  amountContext(user: User): { currency: string; locale?: string } {
    return this.options.locale
      ? { currency: user.currency, locale: this.options.locale }
      : { currency: user.currency };
  }

  /**
   * The central store this command talks to: --central URL, else PFM_CENTRAL, else the embedded default. Async
   * because the default lives with the store openers, which only commands that talk to a central store load.
   */
  async centralUrl(): Promise<string> {
    const flag = this.options.central;
    const given = typeof flag === 'string' ? flag : this.io.env.PFM_CENTRAL;
    return given ?? (await import('../central/open-central.js')).DEFAULT_CENTRAL_URL;
  }

  /** What must never be printed: the central store's password, from its URL or PFM_CENTRAL_PASSWORD. */
  async secrets(): Promise<string[]> {
    return centralSecrets(await this.centralUrl(), this.io.env);
  }

  /** Open the central store (migrating it when this build is newer). The caller closes it. */
  async openCentral(options: { readonly maxConnections?: number } = {}): Promise<CentralStore> {
    const url = await this.centralUrl();
    if (isHubUrl(url))
      throw new UsageError(
        `${redactUrl(url)} is a hub, which serves sync only: this command needs the central database itself (sqlite:, postgres:// or oracle://)`,
      );
    // Loaded here: its database drivers are for the commands that talk to a central store.
    const { openCentral } = await import('../central/open-central.js');
    return openCentral(url, { ...options, password: this.io.env.PFM_CENTRAL_PASSWORD });
  }

  /** This device's hub tokens (`DATA/hub-tokens.json`). */
  hubTokens(): HubTokenFile {
    return new HubTokenFile(join(this.options.dataDir, 'hub-tokens.json'));
  }

  /**
   * Where a sync goes: a hub for an http(s):// URL (with this device's token of each user), else the central
   * database directly, opened by the engine's first handshake inside its retries.
   */
  async remote(): Promise<Remote> {
    const url = await this.centralUrl();
    if (isHubUrl(url)) {
      const { HttpRemote } = await import('../sync/http-remote.js');
      const tokens = this.hubTokens();
      return new HttpRemote({ url, tokens: (userId) => tokens.get(url, userId)?.token ?? null });
    }
    const { DirectRemote } = await import('../sync/direct-remote.js');
    return new DirectRemote(
      () => this.openCentral(),
      () => this.store.now(),
    );
  }

  today(): string {
    return this.store.now().toISOString().slice(0, 10);
  }

  close(): void {
    this.#store?.close();
  }
}
