import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Category } from '../domain/entities.js';
import { categoryInput, categoryKind, nameText } from '../domain/schemas.js';
import { conflict, notFound, parseBody, parseQuery } from './http-errors.js';
import type { ServerContext } from './server-context.js';

export const categoryQuery = z.object({
  kind: categoryKind.optional(),
  includeDeleted: z.enum(['true', 'false'], { error: 'includeDeleted must be true or false' }).optional(),
});
export const categoryBody = categoryInput.strict();
export const categoryPatch = z.object({ name: nameText('category name') }).strict();

const idParam = (params: unknown) => (params as { id: string }).id;

export function registerCategoryRoutes(app: FastifyInstance, ctx: ServerContext): void {
  /** A live category of this user, else 404 (also for another user's ids: existence is never revealed). */
  const own = (userId: string, id: string): Category => {
    const found = ctx.categories.get(userId, id);
    if (found.deleted) throw notFound(`no category with id ${id}`);
    return found;
  };

  app.get(
    '/api/categories',
    {
      config: {
        doc: {
          tag: 'categories',
          summary: 'Categories, by kind then name (deleted ones with includeDeleted=true)',
          query: categoryQuery,
          responses: { 200: '{items}' },
        },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const q = parseQuery(categoryQuery, request.query);
      return { items: ctx.categories.list(user.id, q.kind, q.includeDeleted === 'true') };
    },
  );

  app.post(
    '/api/categories',
    {
      config: {
        doc: {
          tag: 'categories',
          summary: 'Add a category',
          body: categoryBody,
          responses: { 201: '{category}' },
        },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const input = parseBody(categoryBody, request.body);
      if (ctx.categories.find(user.id, input.name, input.kind)) {
        throw conflict(`a ${input.kind} category named "${input.name}" already exists`, 'name');
      }
      return reply.code(201).send({ category: ctx.categories.create(user.id, input.name, input.kind) });
    },
  );

  app.patch(
    '/api/categories/:id',
    {
      config: {
        doc: {
          tag: 'categories',
          summary: 'Rename a category',
          body: categoryPatch,
          responses: { 200: '{category}' },
        },
      },
    },
    async (request) => {
      const user = ctx.user(request);
      const current = own(user.id, idParam(request.params));
      const input = parseBody(categoryPatch, request.body);
      const clash = ctx.categories.find(user.id, input.name, current.kind);
      if (clash && clash.id !== current.id) {
        throw conflict(`a ${current.kind} category named "${input.name}" already exists`, 'name');
      }
      return { category: ctx.categories.rename(user.id, current.id, input.name) };
    },
  );

  app.delete(
    '/api/categories/:id',
    {
      config: {
        doc: {
          tag: 'categories',
          summary: 'Delete a category',
          description:
            'Its expenses and income stay, and keep counting in reports, under the deleted category.',
          responses: { 204: 'deleted' },
        },
      },
    },
    async (request, reply) => {
      const user = ctx.user(request);
      const current = own(user.id, idParam(request.params));
      ctx.categories.delete(user.id, current.id);
      return reply.code(204).send();
    },
  );
}
