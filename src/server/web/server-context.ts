import type { FastifyRequest } from 'fastify';
import type { User } from '../../domain/entities.js';
import { NotFoundError } from '../../domain/validation.js';
import { ConflictRepository } from '../../local/conflict-repository.js';
import type { LocalStore } from '../../local/local-store.js';
import { LocalRepositories } from '../../local/repositories.js';
import { SyncLogRepository } from '../../local/sync-log-repository.js';
import { unauthorized } from '../http-errors.js';
import { LoginThrottle, SessionStore } from '../sessions.js';
import type { SyncManager } from './sync-manager.js';

/**
 * What every route of one server instance works with: the device store and its repositories (the same set as
 * the CLI's, `LocalRepositories`, plus conflicts and sync logs), the sessions, the login throttle and the syncs. Created by `buildServer` and passed to each route group: nothing lives in
 * module-level state, so two servers in one process (two devices in a test) never share a session.
 */
export class ServerContext extends LocalRepositories {
  readonly conflicts: ConflictRepository;
  readonly syncLogs: SyncLogRepository;
  readonly sessions: SessionStore;
  readonly loginThrottle: LoginThrottle;

  constructor(
    store: LocalStore,
    readonly now: () => Date,
    readonly syncs: SyncManager,
    loginLimit: { readonly failures: number; readonly windowMs: number },
  ) {
    super(store);
    this.conflicts = new ConflictRepository(store);
    this.syncLogs = new SyncLogRepository(store);
    const millis = () => now().getTime();
    this.sessions = new SessionStore(millis);
    this.loginThrottle = new LoginThrottle(millis, loginLimit.failures, loginLimit.windowMs);
  }

  /** The logged-in user of a request (the auth hook has checked the session); 401 when there is none. */
  user(request: FastifyRequest): User {
    const session = request.auth;
    if (!session) throw unauthorized();
    try {
      return this.users.get(session.userId);
    } catch (e) {
      if (e instanceof NotFoundError)
        throw unauthorized('your user no longer exists on this device: log in again');
      throw e;
    }
  }

  today(): string {
    return this.now().toISOString().slice(0, 10);
  }
}
