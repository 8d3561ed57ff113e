import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SyncLogEntry } from '../../local/sync-log-repository.js';
import { conflict, notFound } from '../http-errors.js';
import { answer, idParams } from './route-schemas.js';
import { answers } from './answer-schemas.js';
import { syncAnswers } from './sync-answers.js';
import type { ServerContext } from './server-context.js';
import { AUTO_SYNC_MINUTES, messageOf } from './sync-manager.js';

export const syncLogQuery = z.object({
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int({ error: 'limit must be a whole number' })
    .min(1, { error: 'limit must be at least 1' })
    .max(100, { error: 'limit must be at most 100' })
    .default(20),
});
export const conflictQuery = z.object({
  all: z.enum(['true', 'false'], { error: 'all must be true or false' }).optional(),
});
export const settingsBody = z
  .object({
    autoSyncMinutes: z.union(
      AUTO_SYNC_MINUTES.map((m) => z.literal(m)),
      { error: `autoSyncMinutes must be one of ${AUTO_SYNC_MINUTES.join(', ')}` },
    ),
  })
  .strict();

/** What `event: done` carries: the closed sync_log row of the run. */
export function syncResult(log: SyncLogEntry) {
  return {
    id: log.id,
    status: log.status,
    syncType: log.syncType,
    pushed: log.pushed,
    pulled: log.pulled,
    conflicts: log.conflicts,
    durationSeconds: log.durationSeconds,
    errorMessage: log.errorMessage,
    startTime: log.startTime,
    endTime: log.endTime,
    message: summary(log.status, log.pushed, log.pulled, log.conflicts, log.errorMessage),
  };
}

/** One sentence for people: what happened, and for a failure that this device keeps working. */
function summary(
  status: string,
  pushed: number,
  pulled: number,
  conflicts: number,
  error: string | null,
): string {
  const counts = `sent ${pushed}, received ${pulled}, ${conflicts} conflict${conflicts === 1 ? '' : 's'}`;
  if (status === 'Success') return `Synced: ${counts}.`;
  const offline = 'Everything on this device keeps working; try again later.';
  if (status === 'Partial') return `Sync partly done (${counts}): ${error ?? 'unknown error'}. ${offline}`;
  return `Sync failed: ${error ?? 'unknown error'}. ${offline}`;
}

/** Sync now (a stream of progress), the sync log, conflicts and the sync settings. */
export const syncRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  app.post(
    '/api/sync',
    {
      // Never compressed: a compressor would hold each progress event back until its buffer filled.
      compress: false,
      schema: {
        tags: ['sync'],
        summary: 'Sync now: progress streamed as server-sent events',
        description:
          'Answers text/event-stream: `event: progress` (SyncProgress JSON) when an attempt connects (phase ' +
          "`connect`), when each table's push or pull starts (batch 0) and after every batch, `event: retry` " +
          '({attempt, delayMs, error}) before each retry of a transient failure, then one `event: done` with the ' +
          'result {status, pushed, pulled, conflicts, durationSeconds, errorMessage, message, ...}. An unreachable central ' +
          'store is a normal done with status Failed. 409 while this user already has a sync running.',
        produces: ['text/event-stream'],
        response: { 200: answer('the event stream') },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      if (ctx.syncs.isRunning(user.id)) throw conflict('a sync is already running: wait for it to finish');
      const stream = new PassThrough();
      const send = (event: string, data: unknown) => {
        if (!stream.writableEnded && !stream.destroyed)
          stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      stream.write(`: sync of ${user.name} with ${ctx.syncs.centralLabel}\n\n`);
      ctx.syncs
        .sync(user.id, 'Manual', {
          onProgress: (progress) => send('progress', progress),
          onRetry: (attempt, delayMs, error) => send('retry', { attempt, delayMs, error: messageOf(error) }),
        })
        .then((log) => send('done', syncResult(log)))
        .catch((e: unknown) => {
          request.log.error({ err: e }, 'sync failed outside the engine');
          send('done', {
            status: 'Failed',
            pushed: 0,
            pulled: 0,
            conflicts: 0,
            durationSeconds: 0,
            errorMessage: messageOf(e),
            message: summary('Failed', 0, 0, 0, messageOf(e)),
          });
        })
        .finally(() => stream.end());
      return reply
        .type('text/event-stream; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-accel-buffering', 'no')
        .send(stream);
    },
  );

  app.get(
    '/api/sync/log',
    {
      schema: {
        tags: ['sync'],
        summary: "This user's sync history (the sync_log table), newest first",
        querystring: syncLogQuery,
        response: { 200: syncAnswers.log },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const q = request.query;
      return { items: ctx.syncLogs.list(user.id, q.limit) };
    },
  );

  app.get(
    '/api/conflicts',
    {
      schema: {
        tags: ['sync'],
        summary: 'Values that lost a sync merge (open ones; all=true includes restored and dismissed)',
        querystring: conflictQuery,
        response: { 200: syncAnswers.conflicts },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const q = request.query;
      return { items: ctx.conflicts.list(user.id, q.all === 'true') };
    },
  );

  for (const action of ['restore', 'dismiss'] as const) {
    app.post(
      `/api/conflicts/:id/${action}`,
      {
        schema: {
          tags: ['sync'],
          params: idParams,
          summary:
            action === 'restore'
              ? 'Bring a losing value back (a new local change: it wins at the next sync)'
              : 'Forget a conflict, keeping the current value',
          response: { 200: syncAnswers.conflict },
        },
      },
      async (request) => {
        const user = ctx.user(request);
        const { id } = request.params;
        const found = ctx.conflicts.list(user.id, true).find((c) => c.id === id);
        if (!found) throw notFound(`no conflict with id ${id}`);
        if (found.resolution) throw conflict(`this conflict was already ${found.resolution}`);
        return { conflict: action === 'restore' ? ctx.conflicts.restore(id) : ctx.conflicts.dismiss(id) };
      },
    );
  }

  app.get(
    '/api/settings',
    {
      schema: {
        tags: ['sync'],
        summary: 'Sync settings: the automatic sync interval, the central store, whether a sync runs',
        response: { 200: answers.settings.describe('{autoSyncMinutes, central, syncRunning}') },
      },
    },
    async (request) => settingsOf(ctx, ctx.user(request).id),
  );

  app.put(
    '/api/settings',
    {
      schema: {
        tags: ['sync'],
        summary: 'Sync automatically every 5, 15, 30 or 60 minutes (0: never), logged as Automatic',
        description: 'Kept in the device database: `pfm serve` resumes it after a restart.',
        body: settingsBody,
        response: { 200: answers.settings.describe('{autoSyncMinutes, central, syncRunning}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const input = request.body;
      ctx.syncs.setAutoSync(user.id, input.autoSyncMinutes);
      return settingsOf(ctx, user.id);
    },
  );
};

function settingsOf(ctx: ServerContext, userId: string) {
  return {
    autoSyncMinutes: ctx.syncs.autoSyncMinutes(userId),
    central: ctx.syncs.centralLabel,
    syncRunning: ctx.syncs.isRunning(userId),
  };
}
