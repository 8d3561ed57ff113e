import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { CentralStore } from '../../central/central-store.js';
import { openCentral, sqliteFileOf } from '../../central/open-central.js';
import { redactUrl } from '../../central/redact.js';
import { acquireSyncLock, SyncBusyError } from '../../sync/device-sync-lock.js';
import { DeviceSettingRepository } from '../../local/device-setting-repository.js';
import type { LocalStore } from '../../local/local-store.js';
import { SyncLogRepository, type SyncLogEntry, type SyncType } from '../../local/sync-log-repository.js';
import { DirectRemote } from '../../sync/direct-remote.js';
import { HttpRemote, HubError } from '../../sync/http-remote.js';
import { logInToHub } from '../../sync/hub-login-client.js';
import { HubTokenFile, isHubUrl } from '../../sync/hub-token-file.js';
import type { Remote } from '../../sync/remote.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../../sync/retry.js';
import { SyncEngine } from '../../sync/sync-engine.js';
import { silentLogger, type LogLevel, type SyncLogger } from '../../sync/sync-logger.js';
import type { SyncProgress } from '../../sync/sync-progress.js';

export const AUTO_SYNC_MINUTES = [0, 5, 15, 30, 60] as const;
export type AutoSyncMinutes = (typeof AUTO_SYNC_MINUTES)[number];

export interface SyncManagerOptions {
  readonly store: LocalStore;
  readonly centralUrl: string;
  /** The central store's password when its URL has none. */
  readonly password?: string;
  /** A central store opened by the caller (shared, never closed here); else one is opened from the URL and kept. */
  readonly central?: CentralStore;
  readonly retry?: RetryPolicy;
  readonly logger?: SyncLogger;
  /** For an http(s):// central URL (a hub): this device's token file, `DATA/hub-tokens.json`. */
  readonly hubTokenFile?: string;
  /** The device-wide sync lock (`DATA/sync.lock`), shared with `pfm sync` processes. */
  readonly syncLockFile?: string;
}

export interface SyncEvents {
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

// One at a time per user here, and one per device across processes (the CLI's `pfm sync` takes the same lock).
export { SyncBusyError };

/**
 * The syncs of one server instance: at most one running per user, the automatic-sync timers, and the central
 * store connection. The central store is opened at the first sync (or log-in check) and kept until the server
 * closes: opening it (connecting, checking or migrating its schema) is the slow part of a short sync, and every
 * "Sync now" after the first skips it. A store that could not be opened is tried again at the next sync.
 */
export class SyncManager {
  private readonly running = new Map<string, Promise<SyncLogEntry>>();
  /** Hub log-ins started when a user logged in to the web UI: a sync of that user waits for its own. */
  private readonly hubLogins = new Map<string, Promise<unknown>>();
  private readonly timers = new Map<string, { minutes: AutoSyncMinutes; timer: NodeJS.Timeout }>();
  /** The central store, once a sync asked for it; null again when opening it failed. */
  private opening: Promise<CentralStore> | null = null;
  private closed = false;

  constructor(private readonly options: SyncManagerOptions) {}

  /** The central store's URL as it may be shown: any password replaced by `***`. */
  get centralLabel(): string {
    return this.options.central?.url ?? redactUrl(this.options.centralUrl);
  }

  isRunning(userId: string): boolean {
    return this.running.has(userId);
  }

  /**
   * Sync one user now. Never throws for an unreachable or failing central store: the result is the closed
   * `sync_log` row, with status Failed and the reason. Throws SyncBusyError when this user's sync is running.
   */
  sync(userId: string, syncType: SyncType, events: SyncEvents = {}): Promise<SyncLogEntry> {
    if (this.running.has(userId)) throw new SyncBusyError('a sync of this user is already running');
    if (this.closed) throw new SyncBusyError('the server is shutting down');
    const lockFile = this.options.syncLockFile;
    const release = lockFile ? acquireSyncLock(lockFile, new Date()) : () => undefined;
    const run = this.run(userId, syncType, events).finally(() => {
      release();
      this.running.delete(userId);
    });
    this.running.set(userId, run);
    return run;
  }

  private async run(userId: string, syncType: SyncType, events: SyncEvents): Promise<SyncLogEntry> {
    await this.hubLogins.get(userId);
    // The engine's first handshake takes the store, inside its retries: a store that cannot be opened fails
    // the run like any other unreachable store (a Failed sync_log row with the reason).
    const remote = this.hub() ?? new DirectRemote(() => this.centralStore(), undefined, { owned: false });
    try {
      const report = await new SyncEngine(this.options.store, remote, {
        syncType,
        retry: this.options.retry ?? DEFAULT_RETRY,
        logger: this.options.logger ?? silentLogger,
        remoteLabel: this.centralLabel,
        onProgress: events.onProgress,
        retryHooks: { onRetry: events.onRetry },
      }).syncUser(userId);
      return report.log;
    } catch (e) {
      // A local failure (the device database itself): still a finished, Failed run in the log.
      const logs = new SyncLogRepository(this.options.store);
      logs.closeAbandoned(userId);
      const id = logs.open(userId, syncType, this.centralLabel);
      return logs.close(id, {
        status: 'Failed',
        pushed: 0,
        pulled: 0,
        conflicts: 0,
        errorMessage: messageOf(e),
      });
    } finally {
      await remote.close().catch(() => undefined);
    }
  }

  /** True when the central URL names a hub and this server keeps device tokens for it. */
  get syncsThroughHub(): boolean {
    return !this.options.central && isHubUrl(this.options.centralUrl) && !!this.options.hubTokenFile;
  }

  /**
   * Get this device's token for a user from the hub with the password the user just typed (the web UI's log-in
   * or registration), so "Sync now" works without `pfm login`. Resolves false when the hub refused the
   * password; throws when it could not be reached or refused for another reason.
   */
  async logInToHub(userId: string, password: string): Promise<boolean> {
    const file = this.options.hubTokenFile;
    if (!this.syncsThroughHub || !file) return false;
    try {
      await logInToHub({
        hubUrl: this.options.centralUrl,
        store: this.options.store,
        tokens: new HubTokenFile(file),
        userId,
        password,
        label: `pfm serve on ${hostname()}`,
      });
      return true;
    } catch (e) {
      if (e instanceof HubError && e.status === 401) return false;
      throw e;
    }
  }

  /**
   * Make sure this device holds a working hub token for the user, with the password just checked locally (a
   * web log-in or registration): a stored token is tried first (a cheap authenticated handshake), and only a
   * missing or refused one is replaced. Runs in the background; the user's next sync waits for it. A failure is
   * logged (never the password), and the sync then says how to log in.
   */
  ensureHubToken(userId: string, password: string): void {
    const path = this.options.hubTokenFile;
    if (!this.syncsThroughHub || !path || this.hubLogins.has(userId)) return;
    const url = this.options.centralUrl;
    const file = new HubTokenFile(path);
    const login = (async () => {
      const stored = file.get(url, userId);
      if (stored) {
        const remote = new HttpRemote({ url, tokens: () => stored.token });
        try {
          await remote.handshake(userId);
          return; // still good
        } catch (e) {
          if (!(e instanceof HubError && e.status === 401)) return; // the hub is away: keep the token
        } finally {
          await remote.close();
        }
      }
      if (!(await this.logInToHub(userId, password)))
        this.log('WARNING', 'The hub refused this password: log in to it with pfm login');
    })()
      .catch((e: unknown) => this.log('WARNING', `No device token from the hub: ${messageOf(e)}`))
      .finally(() => this.hubLogins.delete(userId));
    this.hubLogins.set(userId, login);
  }

  private log(level: LogLevel, message: string): void {
    (this.options.logger ?? silentLogger).log(level, message);
  }

  /** The hub remote when the central URL names a hub (a device holds only its token then), else null. */
  private hub(): Remote | null {
    const url = this.options.centralUrl;
    if (this.options.central || !isHubUrl(url)) return null;
    const file = this.options.hubTokenFile ? new HubTokenFile(this.options.hubTokenFile) : null;
    return new HttpRemote({ url, tokens: (userId) => file?.get(url, userId)?.token ?? null });
  }

  /**
   * False when the central store certainly holds no user yet: an embedded store whose file was never created
   * (opening it would make an empty database only to find no one in it), or an in-memory one not opened.
   */
  centralMayHaveUsers(): boolean {
    if (this.options.central) return true;
    const url = this.options.centralUrl;
    // A hub answers only to a device token: this device cannot look a user up there before it logs in.
    if (isHubUrl(url)) return false;
    if (this.opening) return true;
    const file = sqliteFileOf(url);
    if (file === null) return true;
    return file !== ':memory:' && file !== '' && existsSync(resolve(file));
  }

  /** Run `fn` against the central store (one attempt, no retry), for the log-in and registration checks. */
  async withCentral<T>(fn: (central: CentralStore) => Promise<T>): Promise<T> {
    return fn(await this.centralStore());
  }

  autoSyncMinutes(userId: string): AutoSyncMinutes {
    return this.timers.get(userId)?.minutes ?? 0;
  }

  /**
   * Sync this user every `minutes` (0 stops it), logged as Automatic; a tick while a sync runs is skipped. The
   * choice is kept in the device database, so the next `pfm serve` on this device resumes it.
   */
  setAutoSync(userId: string, minutes: AutoSyncMinutes): void {
    new DeviceSettingRepository(this.options.store).set(
      userId,
      'auto_sync_minutes',
      minutes === 0 ? null : String(minutes),
    );
    this.startTimer(userId, minutes);
  }

  /** Start the timers this device's users chose before (at server start). Unknown values are ignored. */
  resumeAutoSync(): void {
    for (const { userId, value } of new DeviceSettingRepository(this.options.store).all(
      'auto_sync_minutes',
    )) {
      const minutes = AUTO_SYNC_MINUTES.find((m) => String(m) === value);
      if (minutes) this.startTimer(userId, minutes);
    }
  }

  private startTimer(userId: string, minutes: AutoSyncMinutes): void {
    const current = this.timers.get(userId);
    if (current) clearInterval(current.timer);
    this.timers.delete(userId);
    if (minutes === 0 || this.closed) return;
    const timer = setInterval(() => {
      if (this.running.has(userId) || this.closed) return;
      try {
        this.sync(userId, 'Automatic').catch(() => undefined);
      } catch {
        // Another sync holds this device's lock: the next tick tries again.
      }
    }, minutes * 60_000);
    timer.unref();
    this.timers.set(userId, { minutes, timer });
  }

  /** Stop the timers, let running syncs finish, close the central store this manager opened. */
  async close(): Promise<void> {
    this.closed = true;
    for (const { timer } of this.timers.values()) clearInterval(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running.values(), ...this.hubLogins.values()]);
    const opening = this.opening;
    this.opening = null;
    if (opening) await opening.then((c) => c.close()).catch(() => undefined);
  }

  /** The central store: the caller's, else the one this manager opened (opening it at the first call). */
  private centralStore(): Promise<CentralStore> {
    const shared = this.options.central;
    if (shared) return Promise.resolve(shared);
    if (this.closed) return Promise.reject(new Error('the server is shutting down'));
    if (!this.opening) {
      const opening = openCentral(this.options.centralUrl, { password: this.options.password });
      this.opening = opening;
      // Not kept when it failed (an unreachable PostgreSQL): the next sync tries again.
      opening.catch(() => {
        if (this.opening === opening) this.opening = null;
      });
    }
    return this.opening;
  }
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
