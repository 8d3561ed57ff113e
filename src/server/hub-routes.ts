import type { FastifyInstance } from 'fastify';
import { CENTRAL_SCHEMA_VERSION, type CentralStore } from '../central/central-store.js';
import { SYNCED_TABLES, rowOwner, type SyncedTable } from '../domain/tables.js';
import type { DirectRemote } from '../sync/direct-remote.js';
import {
  activityRequestSchema,
  changesQuerySchema,
  fetchRequestSchema,
  HUB_PROTOCOL_VERSION,
  MAX_PULL_ROWS,
  pushRequestSchema,
  type HubHandshake,
} from '../sync/hub-protocol.js';
import { MAX_PUSH_ROWS } from '../sync/apply-push.js';
import { requireDeviceToken, tokenOf } from './hub-auth.js';
import { HttpError, notFound, parseBody, parseQuery } from './http-errors.js';
import type { LoginThrottle } from './sessions.js';

export interface HubRouteOptions {
  readonly central: CentralStore;
  /** The central half of the protocol, the same code a direct device runs (applyPush and the store reads). */
  readonly remote: DirectRemote;
  readonly now: () => Date;
  /** Refused tokens per client address. */
  readonly authFailures: LoginThrottle;
}

function tableParam(params: unknown): SyncedTable {
  const { table } = params as { table: string };
  const found = SYNCED_TABLES.find((t) => t === table);
  if (!found) throw notFound(`there is no synced table "${table.slice(0, 40)}"`);
  return found;
}

/** The sync routes under `/sync/v1`: the handshake, and the per-user routes behind a device token. */
export function registerHubRoutes(app: FastifyInstance, options: HubRouteOptions): void {
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
  app.get('/handshake', () => handshake());

  void app.register(async (user) => {
    requireDeviceToken(user, central, options.authFailures);

    // The handshake of a device about to sync a user: checked token, and that user's feed heads with it.
    user.get('/users/:user/handshake', (request) => handshake(tokenOf(request).userId));

    user.get('/users/:user/heads', async (request) => ({
      heads: await remote.feedHeads(tokenOf(request).userId),
    }));

    user.post('/users/:user/push', async (request) => {
      const token = tokenOf(request);
      const batch = parseBody(pushRequestSchema, request.body);
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
      return remote.push({ ...batch, userId: token.userId });
    });

    user.get('/users/:user/tables/:table/changes', async (request) => {
      const table = tableParam(request.params);
      const { after, limit } = parseQuery(changesQuerySchema, request.query);
      return { rows: await remote.pull(tokenOf(request).userId, table, after, limit) };
    });

    user.post('/users/:user/tables/:table/fetch', async (request) => {
      const table = tableParam(request.params);
      const { ids } = parseBody(fetchRequestSchema, request.body);
      return { rows: await remote.fetch(tokenOf(request).userId, table, ids) };
    });

    user.get('/users/:user/tables/:table/digest', async (request) =>
      remote.digest(tokenOf(request).userId, tableParam(request.params)),
    );

    user.post('/users/:user/activity', async (request, reply) => {
      const token = tokenOf(request);
      const entry = parseBody(activityRequestSchema, request.body);
      if (entry.userId !== token.userId || entry.deviceId !== token.deviceId)
        throw new HttpError(403, 'this device token is for another user or device', 'deviceId');
      await remote.recordActivity(entry);
      // Once per sync run, so `pfm hub tokens list` shows when each device last synced.
      await central.deviceTokens.touch(token.id, now().toISOString());
      return reply.code(204).send();
    });
  });
}
