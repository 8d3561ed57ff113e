import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Category } from '../../domain/entities.js';
import { categoryInput, categoryKind, nameText } from '../../domain/schemas.js';
import { conflict, notFound } from '../http-errors.js';
import { idParams, noContent, UNDO_HEADER } from './route-schemas.js';
import { answers } from './answer-schemas.js';
import { existingId } from './existing-id.js';
import type { ServerContext } from './server-context.js';

export const categoryQuery = z.object({
  kind: categoryKind.optional(),
  includeDeleted: z.enum(['true', 'false'], { error: 'includeDeleted must be true or false' }).optional(),
});
export const categoryBody = categoryInput.strict();
export const categoryPatch = z.object({ name: nameText('category name') }).strict();

const tags = ['categories'];

/** Categories of expenses and income: list, add, rename, delete. */
export const categoryRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  /** A live category of this user, else 404 (also for another user's ids: existence is never revealed). */
  const own = (userId: string, id: string): Category => {
    const found = ctx.categories.get(userId, id);
    if (found.deleted) throw notFound(`no category with id ${id}`);
    return found;
  };

  app.get(
    '/api/categories',
    {
      schema: {
        tags,
        summary: 'Categories, by kind then name (deleted ones with includeDeleted=true)',
        querystring: categoryQuery,
        response: { 200: answers.categories.describe('{items}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const q = request.query;
      return { items: ctx.categories.list(user.id, q.kind, q.includeDeleted === 'true') };
    },
  );

  app.post(
    '/api/categories',
    {
      schema: {
        tags,
        summary: 'Add a category',
        body: categoryBody,
        response: { 201: answers.category.describe('{category}') },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const input = request.body;
      if (ctx.categories.find(user.id, input.name, input.kind)) {
        throw conflict(`an ${input.kind} category named "${input.name}" already exists`, 'name');
      }
      return reply.code(201).send({ category: ctx.categories.create(user.id, input.name, input.kind) });
    },
  );

  app.patch(
    '/api/categories/:id',
    {
      preValidation: existingId(ctx, own),
      schema: {
        tags,
        summary: 'Rename a category',
        params: idParams,
        body: categoryPatch,
        response: { 200: answers.category.describe('{category}') },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const current = own(user.id, request.params.id);
      const input = request.body;
      const clash = ctx.categories.find(user.id, input.name, current.kind);
      if (clash && clash.id !== current.id) {
        throw conflict(`an ${current.kind} category named "${input.name}" already exists`, 'name');
      }
      return { category: ctx.categories.rename(user.id, current.id, input.name) };
    },
  );

  app.delete(
    '/api/categories/:id',
    {
      schema: {
        tags,
        summary: 'Delete a category',
        description:
          'Its expenses and income stay, and keep counting in reports, under the deleted category.',
        params: idParams,
        response: { 204: noContent(`deleted; the ${UNDO_HEADER} header names its undo operation`) },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const current = own(user.id, request.params.id);
      const undo = ctx.categories.delete(user.id, current.id);
      return reply.code(204).header(UNDO_HEADER, undo.id).send(null);
    },
  );
};
