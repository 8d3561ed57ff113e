import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CentralStore, DeviceToken } from '../../central/central-store.js';
import { HttpError } from '../http-errors.js';
import { hashDeviceToken, isDeviceTokenShape } from '../device-token-secret.js';
import type { LoginThrottle } from '../sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The device token a hub request presented, once checked. */
    deviceToken: DeviceToken | null;
  }
}

/** Said for a missing, malformed, unknown and revoked token alike: which one it was is no one's business. */
export const LOG_IN_AGAIN =
  'this device is not logged in to the hub (its token is missing, revoked or unknown): run pfm login again ' +
  '(or, in the web UI, log out and log in again)';

/** Said when a token asks for a user that is not its own, whether or not that user exists. */
export const NOT_YOUR_USER = 'this device token is not for that user';

/** The bearer secret of a request, or null. */
export function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([^\s]+)$/.exec(header);
  return match?.[1] ?? null;
}

/**
 * Every route of `app` (one encapsulated scope: the per-user routes) needs a live device token, and its
 * `:user` must be the token's user. The token is looked up in the central store on every request: a revoke
 * takes effect at once on every hub behind a load balancer, and no hub keeps state of its own.
 */
export function requireDeviceToken(
  app: FastifyInstance,
  central: CentralStore,
  failures: LoginThrottle,
): void {
  app.decorateRequest('deviceToken', null);
  app.addHook('onRequest', async (request) => {
    // An address that keeps presenting bad tokens (guessing, or a device with a revoked one in a loop) is
    // slowed before it costs a lookup; the per-token rate limit cannot, since every guess is a new token.
    const wait = failures.retryAfter(request.ip);
    if (wait > 0)
      throw new HttpError(
        429,
        `too many refused tokens from this address: try again in ${wait} s`,
        undefined,
        {
          'retry-after': String(wait),
        },
      );
    const refuse = () => {
      failures.fail(request.ip);
      return new HttpError(401, LOG_IN_AGAIN);
    };
    const secret = bearer(request);
    if (secret === null || !isDeviceTokenShape(secret)) throw refuse();
    const token = await central.deviceTokens.findByHash(hashDeviceToken(secret));
    if (token === null || token.revokedAt !== null) throw refuse();
    // Checked here, before the body is read: the params schema has not run yet.
    const params: unknown = request.params;
    const user = typeof params === 'object' && params !== null && 'user' in params ? params.user : undefined;
    if (user !== token.userId) throw new HttpError(403, NOT_YOUR_USER, 'user');
    request.deviceToken = token;
  });
}

/** The checked token of a request in the authenticated scope. */
export function tokenOf(request: FastifyRequest): DeviceToken {
  if (!request.deviceToken) throw new HttpError(401, LOG_IN_AGAIN);
  return request.deviceToken;
}
