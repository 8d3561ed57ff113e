import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, unauthorized } from '../http-errors.js';
import type { ServerContext } from './server-context.js';
import { SESSION_COOKIE, tokensEqual, type Session } from '../sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session of a logged-in request; null for anonymous ones. */
    auth: Session | null;
  }
  interface FastifyContextConfig {
    /** Anonymous requests are allowed (register, log in, the OpenAPI description). */
    anonymous?: boolean;
    /** A state-changing route that needs no CSRF token (only register and log in, which start a session). */
    noCsrf?: boolean;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether requests of this method change state, and so need the CSRF token. */
export const isStateChanging = (method: string): boolean => STATE_CHANGING.has(method);

/**
 * Every `/api/` route needs a session unless its config says `anonymous`; every state-changing one also needs
 * the session's CSRF token in `x-csrf-token` (401 before 403: an anonymous request is told to log in).
 * Checked in onRequest, before any body is read.
 */
export function registerAuth(app: FastifyInstance, ctx: ServerContext): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    request.auth = ctx.sessions.get(request.cookies[SESSION_COOKIE]) ?? null;
    const config = request.routeOptions.config;
    // Only the API's own routes: static files and unknown URLs (404) are not guarded here.
    if (request.is404 || !request.routeOptions.url?.startsWith('/api/') || config.anonymous) return;
    if (!request.auth) throw unauthorized();
    if (isStateChanging(request.method) && !config.noCsrf) {
      if (!tokensEqual(request.headers['x-csrf-token'], request.auth.csrfToken)) {
        throw new HttpError(
          403,
          'missing or wrong CSRF token: send the x-csrf-token header given at log-in (GET /api/session)',
        );
      }
    }
  });
}
