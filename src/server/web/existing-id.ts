import type { FastifyRequest } from 'fastify';
import type { ServerContext } from './server-context.js';

/**
 * A route's `preValidation` hook: 404 when this user has no row with the URL's `:id` (`find` throws the
 * NotFoundError), before the body is checked. A change sent to something that is not there is told so, rather
 * than what is wrong with the change; and another user's id is answered like a missing one, whatever the body.
 */
export function existingId(ctx: ServerContext, find: (userId: string, id: string) => unknown) {
  return async (request: FastifyRequest): Promise<void> => {
    const { id } = request.params as { readonly id: string };
    find(ctx.user(request).id, id);
  };
}
