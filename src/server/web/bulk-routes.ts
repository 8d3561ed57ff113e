import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rowStatus } from '../../domain/schemas.js';
import { NotFoundError } from '../../domain/validation.js';
import { MAX_BULK_ROWS } from '../../local/bulk-edit-repository.js';
import { UNDO_KEEP } from '../../local/undo-journal.js';
import { badRequest, HttpError } from '../http-errors.js';
import { accountIdFor } from './account-refs.js';
import { text } from './answer-schemas.js';
import { idParams } from './route-schemas.js';
import type { ServerContext } from './server-context.js';

const tagList = (field: string) =>
  z.array(z.string({ error: `${field} must be a list of tags` }), {
    error: `${field} must be a list of tags`,
  });

const bulkBody = z
  .object({
    kind: z.enum(['expense', 'income'], { error: 'kind must be expense or income' }),
    ids: z
      .array(z.string({ error: 'ids must be a list of row ids' }), { error: 'ids must be a list of row ids' })
      .min(1, { error: 'ids: name at least one row' })
      .max(MAX_BULK_ROWS, { error: `ids: at most ${MAX_BULK_ROWS} rows at once` }),
    action: z
      .object({
        category: z.string().min(1, { error: 'action.category: name a category' }).optional(),
        account: z.string().min(1, { error: 'action.account: name an account' }).optional(),
        addTags: tagList('action.addTags').optional(),
        removeTags: tagList('action.removeTags').optional(),
        status: rowStatus.optional(),
        delete: z.literal(true, { error: 'action.delete must be true' }).optional(),
      })
      .strict(),
    confirmReconciled: z.boolean({ error: 'confirmReconciled must be true or false' }).optional(),
  })
  .strict();

const operation = z.object({
  id: text,
  label: text.describe('what it did, for people ("Category → Food on 3 expenses")'),
  count: z.number().int().describe('rows it changed'),
  createdAt: text,
  undoneAt: text.nullable().describe('when it was undone; null while it can be'),
});
const operationAnswer = z.object({ operation });

const tags = ['undo'];

/**
 * Bulk edits of expenses and income, and the device's undo journal: each bulk edit and each delete is an
 * operation that can be undone here while nothing it changed has changed again.
 */
export const bulkRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  app.post(
    '/api/transactions/bulk',
    {
      schema: {
        tags,
        summary: 'Change or delete many expenses or income rows at once: all of them, or none',
        description:
          'category and account are ids or names; addTags/removeTags add and remove tags (ignoring case); ' +
          'delete cannot be combined with other changes. An unknown id, or one of another user, is a 404 ' +
          'naming ids; a split row asked to change category is a 400 naming ids; reconciled rows change (but ' +
          'for their status) only with confirmReconciled: true. Nothing is written on any refusal.',
        body: bulkBody,
        response: { 200: operationAnswer.describe('{operation}: undo it with POST /api/undo/{id}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const { kind, ids, action, confirmReconciled } = request.body;
      let categoryId: string | undefined;
      if (action.category !== undefined) {
        try {
          categoryId = ctx.categories.resolve(user.id, action.category, kind).id;
        } catch (e) {
          if (e instanceof NotFoundError)
            throw badRequest(`action.category: ${e.message}`, 'action.category');
          throw e;
        }
      }
      const accountId =
        action.account === undefined
          ? undefined
          : accountIdFor(ctx, user.id, action.account, 'action.account');
      try {
        return {
          operation: ctx.bulkEdits.apply(user.id, {
            kind,
            ids,
            action: {
              categoryId,
              accountId,
              addTags: action.addTags,
              removeTags: action.removeTags,
              status: action.status,
              delete: action.delete,
            },
            confirmReconciled,
          }),
        };
      } catch (e) {
        if (e instanceof NotFoundError) throw new HttpError(404, e.message, 'ids');
        throw e;
      }
    },
  );

  app.get(
    '/api/undo',
    {
      schema: {
        tags,
        summary: `The newest operations on this device that can be undone (at most ${UNDO_KEEP}), newest first`,
        response: { 200: z.object({ operations: z.array(operation) }).describe('{operations}') },
      },
    },
    async (request) => ({ operations: ctx.undo.list(ctx.user(request).id) }),
  );

  app.post(
    '/api/undo/:id',
    {
      schema: {
        tags,
        summary: 'Undo a bulk edit or a delete: put back the values it changed',
        description:
          'All or nothing: when any value it would put back has been changed since (here or on another ' +
          'device), the answer is a 400 naming operationId and nothing is written.',
        params: idParams,
        response: { 200: operationAnswer.describe('{operation}, now undone') },
      },
    },
    async (request) => ({ operation: ctx.undo.undo(ctx.user(request).id, request.params.id) }),
  );
};
