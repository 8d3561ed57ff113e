import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CENTRAL_SCHEMA_VERSION, type CentralStore } from '../../central/central-store.js';
import { SYNCED_TABLES, rowOwner } from '../../domain/tables.js';
import { MAX_PUSH_ROWS } from '../../sync/apply-push.js';
import type { DirectRemote } from '../../sync/direct-remote.js';
import {
  activityRequestSchema,
  changesQuerySchema,
  digestResponseSchema,
  fetchRequestSchema,
  handshakeResponseSchema,
  headsResponseSchema,
  HUB_PROTOCOL_VERSION,
  MAX_PULL_ROWS,
  pushRequestSchema,
  type HubHandshake,
} from '../../sync/hub-protocol.js';
import { HttpError } from '../http-errors.js';
import type { LoginThrottle } from '../sessions.js';
import { encodePulledRows, encodeSyncedRows } from '../../sync/wire-rows.js';
import { requireDeviceToken, tokenOf } from './auth.js';

export interface HubRouteOptions {
  readonly central: CentralStore;
  /** The central half of the protocol, the same code a direct device runs (applyPush and the store reads). */
  readonly remote: DirectRemote;
  readonly now: () => Date;
  /** Refused tokens per client address. */
  readonly authFailures: LoginThrottle;
}

const userParams = z.object({ user: z.string() });
/** A table that is not synced is a 404, as an unknown URL would be. */
const tableParams = userParams.extend({
  table: z.enum(SYNCED_TABLES, {
    error: (issue) => `there is no synced table "${String(issue.input).slice(0, 40)}"`,
  }),
});

// Rows (push, changes, fetch) are answered without a response schema: up to 5000 of them would be encoded a
// second time for nothing, and the device checks them with the same schemas (hub-protocol.ts) anyway.

/** The sync routes under `/sync/v2`: the handshake, and the per-user routes behind a device token. */
export const hubRoutes: FastifyPluginAsyncZod<HubRouteOptions> = async (app, options) => {
  const { remote, central, now } = options;

  const handshake = async (userId?: string): Promise<HubHandshake> => {
    const { remoteId, feedHeads } = await remote.handshake(userId);
    return {
      protocol: HUB_PROTOCOL_VERSION,
      remoteId,
      schemaVersion: CENTRAL_SCHEMA_VERSION,
      limits: { push: MAX_PUSH_ROWS, pull: MAX_PULL_ROWS },
      ...(feedHeads ? { feedHeads } : {}),
    };
  };
  app.get('/handshake', { schema: { response: { 200: handshakeResponseSchema } } }, () => handshake());

  // One scope for the per-user routes, so that only they need a device token.
  const userRoutes: FastifyPluginAsyncZod = async (user) => {
    requireDeviceToken(user, central, options.authFailures);

    // The handshake of a device about to sync a user: checked token, and that user's feed heads with it.
    user.get(
      '/users/:user/handshake',
      { schema: { params: userParams, response: { 200: handshakeResponseSchema } } },
      (request) => handshake(tokenOf(request).userId),
    );

    user.get(
      '/users/:user/heads',
      { schema: { params: userParams, response: { 200: headsResponseSchema } } },
      async (request) => ({ heads: await remote.feedHeads(tokenOf(request).userId) }),
    );

    user.post(
      '/users/:user/push',
      { schema: { params: userParams, body: pushRequestSchema } },
      async (request) => {
        const token = tokenOf(request);
        const batch = request.body;
        if (batch.deviceId !== token.deviceId)
          throw new HttpError(403, 'this device token is for another device', 'deviceId');
        // The whole batch is refused, before anything is written, when any row claims another owner.
        const stranger = batch.rows.findIndex((row) => rowOwner(batch.table, row) !== token.userId);
        if (stranger >= 0)
          throw new HttpError(
            403,
            `${batch.table} ${batch.rows[stranger]?.id ?? ''} does not belong to this device token's user; nothing was written`,
            `rows.${stranger}`,
          );
        const { rows, ...result } = await remote.push({ ...batch, userId: token.userId });
        return { ...encodeSyncedRows(batch.table, rows), ...result };
      },
    );

    user.get(
      '/users/:user/tables/:table/changes',
      { schema: { params: tableParams, querystring: changesQuerySchema } },
      async (request) => {
        const { after, limit } = request.query;
        const { table } = request.params;
        return encodePulledRows(table, await remote.pull(tokenOf(request).userId, table, after, limit));
      },
    );

    user.post(
      '/users/:user/tables/:table/fetch',
      { schema: { params: tableParams, body: fetchRequestSchema } },
      async (request) => {
        const { table } = request.params;
        return encodePulledRows(table, await remote.fetch(tokenOf(request).userId, table, request.body.ids));
      },
    );

    user.get(
      '/users/:user/tables/:table/digest',
      { schema: { params: tableParams, response: { 200: digestResponseSchema } } },
      async (request) => remote.digest(tokenOf(request).userId, request.params.table),
    );

    user.post(
      '/users/:user/activity',
      { schema: { params: userParams, body: activityRequestSchema } },
      async (request, reply) => {
        const token = tokenOf(request);
        const entry = request.body;
        if (entry.userId !== token.userId || entry.deviceId !== token.deviceId)
          throw new HttpError(403, 'this device token is for another user or device', 'deviceId');
        await remote.recordActivity(entry);
        // Once per sync run, so `pfm hub tokens list` shows when each device last synced.
        await central.deviceTokens.touch(token.id, now().toISOString());
        return reply.code(204).send();
      },
    );
  };
  await app.register(userRoutes);
};
