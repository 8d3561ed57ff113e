import type { FastifyReply, FastifyRequest } from 'fastify';
import { CentralError, CentralSchemaTooNewError } from '../../central/central-store.js';
import { HttpError, sendError } from '../http-errors.js';

/**
 * The hub's error handler: the API's `{error, field?}` answers, plus the central store's failures. Those never
 * reach a device as they are (they name the database's host): a transient one is a 503 the device retries,
 * any other a 500; the details go to the hub's log only.
 */
export function sendHubError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof CentralError && error.code === 'PFM_FOREIGN_ROW') {
    // A pushed id that another user's row already has: the batch was rolled back whole. The message names
    // only ids the device itself sent.
    return sendError(new HttpError(403, error.message, 'rows'), request, reply);
  }
  if (error instanceof CentralSchemaTooNewError) {
    request.log.error({ err: error }, 'central schema newer than this hub');
    return sendError(
      new HttpError(
        500,
        "the hub's pfm is older than its central store's schema: its operator must upgrade it",
      ),
      request,
      reply,
    );
  }
  if (error instanceof CentralError) {
    const transient = error.transient;
    request.log.error({ err: error, code: error.code }, 'central store failure');
    if (transient) reply.header('retry-after', '1');
    return reply
      .code(transient ? 503 : 500)
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send({
        error: transient
          ? 'the hub cannot reach its central store just now; try again'
          : 'the hub failed to use its central store; the details are in its log',
      });
  }
  return sendError(error, request, reply);
}
