import type { FastifyRequest } from 'fastify';
import type { User } from '../../domain/entities.js';
import { NotFoundError } from '../../domain/validation.js';
import { BudgetRepository } from '../../local/budget-repository.js';
import { CategoryRepository } from '../../local/category-repository.js';
import { ConflictRepository } from '../../local/conflict-repository.js';
import { ExpenseRepository } from '../../local/expense-repository.js';
import { GoalRepository } from '../../local/goal-repository.js';
import { IncomeRepository } from '../../local/income-repository.js';
import { LocalReports } from '../../local/local-reports.js';
import type { LocalStore } from '../../local/local-store.js';
import { SyncLogRepository } from '../../local/sync-log-repository.js';
import { UserRepository } from '../../local/user-repository.js';
import { unauthorized } from '../http-errors.js';
import { LoginThrottle, SessionStore } from '../sessions.js';
import type { SyncManager } from './sync-manager.js';

/**
 * What every route of one server instance works with: the device store and its repositories, the sessions,
 * the login throttle and the syncs. Created by `buildServer` and passed to each route group: nothing lives in
 * module-level state, so two servers in one process (two devices in a test) never share a session.
 */
export class ServerContext {
  readonly users: UserRepository;
  readonly categories: CategoryRepository;
  readonly expenses: ExpenseRepository;
  readonly income: IncomeRepository;
  readonly budgets: BudgetRepository;
  readonly goals: GoalRepository;
  readonly reports: LocalReports;
  readonly conflicts: ConflictRepository;
  readonly syncLogs: SyncLogRepository;
  readonly sessions: SessionStore;
  readonly loginThrottle: LoginThrottle;

  constructor(
    readonly store: LocalStore,
    readonly now: () => Date,
    readonly syncs: SyncManager,
    loginLimit: { readonly failures: number; readonly windowMs: number },
  ) {
    this.users = new UserRepository(store);
    this.categories = new CategoryRepository(store);
    this.expenses = new ExpenseRepository(store);
    this.income = new IncomeRepository(store);
    this.budgets = new BudgetRepository(store);
    this.goals = new GoalRepository(store);
    this.reports = new LocalReports(store);
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
