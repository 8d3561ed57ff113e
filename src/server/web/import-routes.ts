import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accountRef, nameText } from '../../domain/schemas.js';
import { importOptionsInput, toReadOptions } from '../../import/import-options.js';
import { takeBackup } from '../../local/backup.js';
import { exportCsv } from '../../local/csv-export.js';
import { ImportHistory } from '../../local/import-history.js';
import { ImportRuleRepository } from '../../local/import-rule-repository.js';
import { BadLinesError, StatementImporter, type ImportRequest } from '../../local/statement-import.js';
import { badRequest } from '../http-errors.js';
import { accountIdFor } from './account-refs.js';
import { importAnswers } from './import-answers.js';
import { answer, idParams, noContent } from './route-schemas.js';
import type { ServerContext } from './server-context.js';

/** Statements up to 10 MiB (a decade of daily transactions is far less); base64 makes the body 4/3 of that. */
export const MAX_STATEMENT_BYTES = 10 * 1024 * 1024;
const BODY_LIMIT = Math.ceil((MAX_STATEMENT_BYTES * 4) / 3) + 64 * 1024;
/** A preview shows this many lines; the counts cover the whole file. */
export const PREVIEW_LINES = 500;

export const statementBody = z
  .object({
    fileName: nameText('fileName', 255),
    /** The file's bytes, base64: statements in Windows-1252 must reach the decoder unchanged. */
    content: z
      .string({ error: 'content is required (the file, base64)' })
      .max(BODY_LIMIT, { error: `the file must be at most ${MAX_STATEMENT_BYTES / 1024 / 1024} MiB` })
      .regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, { error: 'content must be the file in base64' }),
    options: importOptionsInput.optional(),
    skipBad: z.boolean({ error: 'skipBad must be true or false' }).optional(),
    /** The account the rows go to (id or name); the user's first account when left out. */
    account: accountRef().optional(),
    /** Categories chosen in the preview, by line number: they win over the rules. */
    categories: z
      .array(
        z
          .object({
            line: z.number({ error: 'categories: line must be a line number' }).int().positive(),
            categoryId: z.string({ error: 'categories: categoryId is required' }),
          })
          .strict(),
        { error: 'categories must be a list of {line, categoryId}' },
      )
      .max(PREVIEW_LINES, { error: `categories: at most ${PREVIEW_LINES} lines` })
      .optional(),
  })
  .strict();
export const ruleBody = z
  .object({
    contains: nameText('contains', 200),
    categoryId: z.string({ error: 'categoryId is required' }),
  })
  .strict();
export const exportQuery = z.object({
  format: z.enum(['csv', 'json'], { error: 'format must be csv or json' }),
});

const tags = ['import'];

/** Statement import (preview, import, history, rules) and export. */
export const importRoutes: FastifyPluginAsyncZod<{ ctx: ServerContext }> = async (app, { ctx }) => {
  const importer = new StatementImporter(ctx.store);
  const rules = new ImportRuleRepository(ctx.store);
  const history = new ImportHistory(ctx.store);

  const request = (userId: string, body: z.output<typeof statementBody>, dryRun: boolean): ImportRequest => {
    const bytes = new Uint8Array(Buffer.from(body.content, 'base64'));
    if (bytes.length > MAX_STATEMENT_BYTES) {
      throw badRequest(`the file must be at most ${MAX_STATEMENT_BYTES / 1024 / 1024} MiB`, 'content');
    }
    return {
      bytes,
      fileName: body.fileName,
      options: toReadOptions(body.options ?? {}),
      dryRun,
      accountId: body.account ? accountIdFor(ctx, userId, body.account, 'account') : undefined,
      // A preview always shows the bad lines next to the good ones; an import refuses them unless told.
      skipBad: dryRun || body.skipBad === true,
      categories: new Map((body.categories ?? []).map((c) => [c.line, c.categoryId])),
    };
  };

  app.post(
    '/api/import/preview',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags,
        summary: 'Read a statement and show what importing it would do (writes nothing)',
        description:
          'The detected layout (delimiter, header, column mapping, date order, decimal separator), the first ' +
          `${PREVIEW_LINES} lines with their category and whether they were imported before, and every bad line. ` +
          'Send the same options to POST /api/import to import what the preview showed.',
        body: statementBody,
        response: { 200: importAnswers.preview },
      },
    },
    async (req) => {
      const user = ctx.user(req);
      const body = req.body;
      const result = importer.run(user.id, request(user.id, body, true));
      return {
        preview: { ...result, lines: result.lines.slice(0, PREVIEW_LINES), lineCount: result.lines.length },
      };
    },
  );

  app.post(
    '/api/import',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags,
        summary: 'Import a statement: new lines are added, lines imported before are not',
        description:
          'All or nothing: a file with bad lines is refused with 422 and `lines` (line number and reason of ' +
          'each) unless skipBad is true. categories ([{line, categoryId}], as chosen in the preview) win over ' +
          'the rules; a line or category that does not fit is a 400 naming categories.',
        body: statementBody,
        response: {
          201: importAnswers.import,
          422: importAnswers.badLines.describe('the bad lines; nothing was imported'),
        },
      },
    },
    async (req, reply) => {
      const user = ctx.user(req);
      const body = req.body;
      try {
        const { lines: _lines, ...summary } = importer.run(user.id, request(user.id, body, false));
        return await reply.code(201).send({ import: summary });
      } catch (e) {
        if (!(e instanceof BadLinesError)) throw e;
        return reply.code(422).send({
          error: `${e.lines.length} bad line${e.lines.length === 1 ? '' : 's'} in ${body.fileName}; nothing was imported`,
          field: 'content',
          lines: e.lines,
        });
      }
    },
  );

  app.get(
    '/api/import/history',
    {
      schema: {
        tags,
        summary: 'Your statement imports on this device, newest first (file, fingerprint, counts)',
        response: { 200: importAnswers.history },
      },
    },
    async (req) => ({ items: history.list(ctx.user(req).id) }),
  );

  app.get(
    '/api/import/rules',
    {
      schema: {
        tags,
        summary: 'Import rules, in the order they are tried',
        response: { 200: importAnswers.rules },
      },
    },
    async (req) => ({ items: rules.list(ctx.user(req).id) }),
  );

  app.post(
    '/api/import/rules',
    {
      schema: {
        tags,
        summary: 'Add a rule: lines whose description contains the text go to the category',
        body: ruleBody,
        response: { 201: importAnswers.rule },
      },
    },
    async (req, reply) => {
      const user = ctx.user(req);
      const body = req.body;
      return reply.code(201).send({ rule: rules.add(user.id, body.contains, body.categoryId) });
    },
  );

  app.delete(
    '/api/import/rules/:id',
    { schema: { tags, summary: 'Delete a rule', params: idParams, response: { 204: noContent('deleted') } } },
    async (req, reply) => {
      rules.remove(ctx.user(req).id, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/export',
    {
      schema: {
        tags,
        summary: 'Download your expenses and income as CSV, or a full JSON backup (pfm restore loads it)',
        querystring: exportQuery,
        response: { 200: answer('the file, as an attachment') },
        produces: ['text/csv', 'application/json'],
      },
    },
    async (req, reply) => {
      const user = ctx.user(req);
      const { format } = req.query;
      const day = ctx.today();
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="pfm-${day}.csv"`)
          .send(exportCsv(ctx.store, user.id, user.currency));
      }
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="pfm-backup-${day}.json"`)
        .send(`${JSON.stringify(takeBackup(ctx.store, user.id), null, 2)}\n`);
    },
  );
};
