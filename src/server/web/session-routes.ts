import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { User } from '../../domain/entities.js';
import { userIdFor } from '../../domain/ids.js';
import { hashPassword, verifyPassword } from '../../domain/password.js';
import { localeTag, password, userInput } from '../../domain/schemas.js';
import { NotFoundError } from '../../domain/validation.js';
import { conflict, HttpError, unauthorized } from '../http-errors.js';
import { noContent } from './route-schemas.js';
import { answers } from './answer-schemas.js';
import type { ServerContext } from './server-context.js';
import { SESSION_COOKIE } from '../sessions.js';
import { messageOf } from './sync-manager.js';

export const registerBody = userInput
  .extend({
    password,
    // The web UI registers and signs in with one request: one password hash, not a hash and then a check of it.
    signIn: z.boolean({ error: 'signIn must be true or false' }).optional(),
  })
  .strict();
export const loginBody = z
  .object({
    name: z
      .string({ error: 'name is required' })
      .trim()
      .min(1, { error: 'name is required' })
      .max(60, { error: 'name must be at most 60 characters' }),
    password: z
      .string({ error: 'password is required' })
      .min(1, { error: 'password is required' })
      .max(200, { error: 'password must be at most 200 characters' }),
  })
  .strict();

export const userPatch = z
  .object({
    locale: z
      .string({ error: 'locale is required: a language tag such as de-DE' })
      .pipe(localeTag)
      // "de-de" is kept as "de-DE", the form every device and Intl agree on.
      .transform((tag) => Intl.getCanonicalLocales(tag)[0] ?? tag),
  })
  .strict();

const WRONG_LOGIN = 'wrong user name or password';
/** How long registration and a first log-in on this device wait for the central store. */
const CENTRAL_WAIT_MS = 10_000;

export interface SessionRouteOptions {
  readonly ctx: ServerContext;
  /** Registrations per client address per minute (each costs a password hash). */
  readonly registerPerMinute: number;
  /** Log-in attempts per client address per minute, whatever the name (the per-name limit is the throttle's). */
  readonly loginPerMinute: number;
}

/** Register, log in, who am I, log out. */
export const sessionRoutes: FastifyPluginAsyncZod<SessionRouteOptions> = async (app, opts) => {
  const { ctx } = opts;
  // One throwaway hash, so a log-in with an unknown name costs as much time as one with a known name.
  let dummyHash: Promise<string> | null = null;
  const dummy = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

  app.post(
    '/api/users',
    {
      config: {
        anonymous: true,
        noCsrf: true,
        rateLimit: { max: opts.registerPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['session'],
        summary: 'Register a local user (with the default categories)',
        description:
          'Refused with 409 when the name is taken on this device, or in the central store when it can be reached ' +
          '(log in instead: the first log-in on a new device fetches the user from the central store). With ' +
          '`signIn: true` the new user is also logged in, as by POST /api/session: the pfm_session cookie is set ' +
          'and the answer carries the CSRF token.',
        body: registerBody,
        response: { 201: answers.session.describe('{user, csrfToken?}') },
      },
    },
    async (request, reply) => {
      const input = request.body;
      if (existsLocally(ctx, input.name))
        throw conflict(`a user named "${input.name}" already exists`, 'name');
      if (await existsCentrally(ctx, userIdFor(input.name))) {
        throw conflict(
          `a user named "${input.name}" already exists in the central store: log in with that name instead`,
          'name',
        );
      }
      const passwordHash = await hashPassword(input.password);
      // Checked again: another registration of the same name may have finished while the hash was computed.
      if (existsLocally(ctx, input.name))
        throw conflict(`a user named "${input.name}" already exists`, 'name');
      const user = ctx.users.create({
        name: input.name,
        currency: input.currency,
        locale: input.locale,
        passwordHash,
      });
      ctx.syncs.ensureHubToken(user.id, input.password);
      if (!input.signIn) return reply.code(201).send({ user });
      return reply.code(201).send({ user, csrfToken: startSession(ctx, request, reply, user) });
    },
  );

  app.post(
    '/api/session',
    {
      config: {
        anonymous: true,
        noCsrf: true,
        rateLimit: { max: opts.loginPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['session'],
        summary: 'Log in: sets the pfm_session cookie and returns the CSRF token',
        description:
          `After ${ctx.loginThrottle.limit} failures for one name from one address within a minute, further ` +
          'attempts get 429 (with Retry-After) until the window passes. A name unknown on this device is looked ' +
          'up in the central store; on success the user is synced to this device first.',
        body: loginBody,
        response: { 200: answers.session.describe('{user, csrfToken}') },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const userId = userIdFor(input.name);
      const key = `${userId}|${request.ip}`;
      const wait = ctx.loginThrottle.retryAfter(key);
      if (wait > 0) {
        throw new HttpError(429, `too many failed log-ins: try again in ${wait} seconds`, undefined, {
          'retry-after': String(wait),
        });
      }
      // Counted as a failure before the (slow) password check, so parallel guesses cannot all slip in under the
      // limit; a success clears the count.
      ctx.loginThrottle.fail(key);
      let user: User | null;
      try {
        user = await authenticate(ctx, input.name, input.password, dummy);
      } catch (e) {
        if (!(e instanceof HttpError && e.statusCode === 401)) ctx.loginThrottle.clear(key);
        throw e;
      }
      if (!user) throw unauthorized(WRONG_LOGIN);
      ctx.loginThrottle.clear(key);
      ctx.syncs.ensureHubToken(user.id, input.password);
      return { user, csrfToken: startSession(ctx, request, reply, user) };
    },
  );

  app.get(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'The logged-in user and CSRF token',
        response: { 200: answers.session.describe('{user, csrfToken}') },
      },
    },
    async (request) => ({ user: ctx.user(request), csrfToken: request.auth?.csrfToken }),
  );

  app.patch(
    '/api/session/user',
    {
      schema: {
        tags: ['session'],
        summary: "Change the logged-in user's settings: the locale (language and region) of the web UI",
        description:
          'The locale is a BCP 47 language tag such as de-DE; it travels to other devices with the user.',
        body: userPatch,
        response: { 200: answers.user.describe('{user}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      return { user: ctx.users.setLocale(user.id, request.body.locale) };
    },
  );

  app.delete(
    '/api/session',
    { schema: { tags: ['session'], summary: 'Log out', response: { 204: noContent('logged out') } } },
    async (request, reply) => {
      if (request.auth) ctx.sessions.delete(request.auth.id);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
      return reply.code(204).send(null);
    },
  );
};

/** Logs `user` in: a new session and its cookie. Returns the session's CSRF token. */
function startSession(ctx: ServerContext, request: FastifyRequest, reply: FastifyReply, user: User): string {
  const previous = request.cookies[SESSION_COOKIE];
  if (previous) ctx.sessions.delete(previous); // a new id at every log-in: no session fixation
  const session = ctx.sessions.create(user.id);
  reply.setCookie(SESSION_COOKIE, session.id, cookieOptions(request));
  return session.csrfToken;
}

/**
 * Secure when the browser's request came over https: a TLS socket, or X-Forwarded-Proto from a proxy that
 * `trustProxy` says to believe (fastify ignores the header otherwise). Over plain http a Secure cookie would be
 * dropped by the browser.
 */
function cookieOptions(request: FastifyRequest) {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https' } as const;
}

function existsLocally(ctx: ServerContext, name: string): boolean {
  try {
    ctx.users.resolve(name);
    return true;
  } catch (e) {
    if (e instanceof NotFoundError) return false;
    throw e;
  }
}

/** True when the central store has a live user of this id; false when it has none or cannot be reached. */
async function existsCentrally(ctx: ServerContext, userId: string): Promise<boolean> {
  if (!ctx.syncs.centralMayHaveUsers()) return false;
  try {
    const rows = await withTimeout(
      ctx.syncs.withCentral((c) => c.readRowsById(userId, 'app_user', [userId])),
    );
    return rows.some((r) => r.values.deleted === 0);
  } catch {
    return false; // offline: registering works without the central store
  }
}

/** The user these credentials belong to, or null. Never says which of name and password was wrong. */
async function authenticate(
  ctx: ServerContext,
  name: string,
  secret: string,
  dummy: () => Promise<string>,
): Promise<User | null> {
  let user: User;
  try {
    user = ctx.users.resolve(name);
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    return firstLoginOnThisDevice(ctx, userIdFor(name), secret, dummy);
  }
  const hash = ctx.users.passwordHash(user.id);
  if (hash === null) {
    await verifyPassword(secret, await dummy());
    return null;
  }
  return (await verifyPassword(secret, hash)) ? user : null;
}

/**
 * A user who is not on this device yet: their password is checked against the central store's copy and, when it
 * matches, the user is synced here (a Manual run in the sync log) so that the new device shows their data.
 */
async function firstLoginOnThisDevice(
  ctx: ServerContext,
  userId: string,
  secret: string,
  dummy: () => Promise<string>,
): Promise<User | null> {
  if (ctx.syncs.syncsThroughHub) return firstLoginThroughHub(ctx, userId, secret, dummy);
  let hash: unknown;
  if (!ctx.syncs.centralMayHaveUsers()) {
    await verifyPassword(secret, await dummy());
    return null;
  }
  try {
    const rows = await withTimeout(
      ctx.syncs.withCentral((c) => c.readRowsById(userId, 'app_user', [userId])),
    );
    const row = rows.find((r) => r.values.deleted === 0);
    hash = row?.values.password_hash;
  } catch (e) {
    await verifyPassword(secret, await dummy());
    throw unauthorized(
      `${WRONG_LOGIN} (the central store could not be reached to look for this user: ${messageOf(e)})`,
    );
  }
  if (typeof hash !== 'string') {
    await verifyPassword(secret, await dummy());
    return null;
  }
  if (!(await verifyPassword(secret, hash))) return null;
  return bringUserHere(ctx, userId);
}

/**
 * The same through a hub: the hub checks the password and gives this device its token, with which the user is
 * synced here. The hub says nothing about whether the user exists: a refusal is a wrong log-in.
 */
async function firstLoginThroughHub(
  ctx: ServerContext,
  userId: string,
  secret: string,
  dummy: () => Promise<string>,
): Promise<User | null> {
  let ok: boolean;
  try {
    ok = await withTimeout(ctx.syncs.logInToHub(userId, secret));
  } catch (e) {
    await verifyPassword(secret, await dummy());
    throw unauthorized(
      `${WRONG_LOGIN} (the hub could not be reached to look for this user: ${messageOf(e)})`,
    );
  }
  return ok ? bringUserHere(ctx, userId) : null;
}

/** Sync a user whose password was just checked centrally onto this device (a Manual run in the log). */
async function bringUserHere(ctx: ServerContext, userId: string): Promise<User> {
  const log = await ctx.syncs.sync(userId, 'Manual');
  try {
    return ctx.users.get(userId);
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    throw new HttpError(
      503,
      `your password is right, but your data could not be brought to this device: ${log.errorMessage ?? log.status}`,
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms = CENTRAL_WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} seconds`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
