import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A logged-in browser: kept in memory by one running server, so a restart logs everyone out. */
export interface Session {
  /** 256 random bits, base64url: the `pfm_session` cookie. */
  readonly id: string;
  readonly userId: string;
  /** 256 random bits the page sends back in `x-csrf-token` on every state-changing request. */
  readonly csrfToken: string;
  readonly createdAt: number;
  lastSeen: number;
}

export const SESSION_COOKIE = 'pfm_session';

const randomToken = () => randomBytes(32).toString('base64url');

/** The sessions of one server instance. Idle sessions expire, and every session expires after `maxAgeMs`. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => number,
    private readonly idleMs = 12 * 3600_000,
    private readonly maxAgeMs = 7 * 24 * 3600_000,
  ) {}

  create(userId: string): Session {
    this.sweep();
    const at = this.now();
    const session: Session = {
      id: randomToken(),
      userId,
      csrfToken: randomToken(),
      createdAt: at,
      lastSeen: at,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id (and it counts as used now), or undefined. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const at = this.now();
    if (this.expired(session, at)) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeen = at;
    return session;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private expired(s: Session, at: number): boolean {
    return at - s.lastSeen > this.idleMs || at - s.createdAt > this.maxAgeMs;
  }

  private sweep(): void {
    const at = this.now();
    for (const [id, s] of this.sessions) if (this.expired(s, at)) this.sessions.delete(id);
  }
}

/** Constant-time comparison of a sent token with the expected one. */
export function tokensEqual(sent: unknown, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Failed logins per key (user name + client address) in a sliding window: after `limit` failures, further
 * attempts are refused until the oldest failure leaves the window, even with the right password.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    readonly limit = 5,
    readonly windowMs = 60_000,
  ) {}

  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    const oldest = recent[recent.length - this.limit] ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
    if (this.failures.size > 10_000) this.sweep();
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private sweep(): void {
    for (const key of [...this.failures.keys()]) {
      const recent = this.recent(key);
      if (recent.length === 0) this.failures.delete(key);
      else this.failures.set(key, recent);
    }
  }
}
