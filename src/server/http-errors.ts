import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ClockError } from '../domain/hlc.js';
import { NotFoundError, ValidationError } from '../domain/validation.js';
import { SyncBusyError } from '../sync/device-sync-lock.js';

/** The one error shape of the API: a sentence a person understands, and the input field at fault when there is one. */
export const apiErrorSchema = z
  .object({
    error: z.string().describe('a message a person understands'),
    field: z.string().optional().describe('the input field at fault'),
  })
  .meta({ id: 'Error' }); // one component of the OpenAPI document, which every operation refers to
export type ApiErrorBody = z.output<typeof apiErrorSchema>;

/** An error with its HTTP status, thrown by routes and turned into `{error, field?}` by the error handler. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    message: string,
    readonly field?: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, field?: string) => new HttpError(400, message, field);
export const unauthorized = (message = 'log in first') => new HttpError(401, message);
export const notFound = (message: string) => new HttpError(404, message);
export const conflict = (message: string, field?: string) => new HttpError(409, message, field);

/**
 * The answer to input a zod schema refused: its first problem, as a 400 naming the field at fault. Unknown
 * fields are named too (a typo such as `amout` would otherwise be dropped silently).
 */
export function inputError(error: z.ZodError): HttpError {
  const issue = error.issues[0];
  if (!issue) return badRequest('invalid input');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return badRequest(`unknown field "${key.slice(0, 40)}"`, key.slice(0, 40));
  }
  const field = issue.path.map(String).join('.');
  // zod's own wording for a wrong JSON type is technical; say what was expected instead.
  const message =
    issue.code === 'invalid_type' && !/ (is|must) /.test(issue.message)
      ? `${field || 'input'} must be ${issue.expected === 'object' ? 'a JSON object' : `a ${issue.expected}`}`
      : issue.message;
  return badRequest(message, field || undefined);
}

// Fastify's own 4xx errors, reworded for people.
const FASTIFY_MESSAGES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'the request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'send the request body as JSON (Content-Type: application/json)',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'the request body length does not match its Content-Length header',
  FST_ERR_CTP_INVALID_JSON_BODY: 'the request body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'the request body is empty',
  FST_ERR_BAD_URL: 'the request URL is malformed',
  FST_ERR_INVALID_URL: 'the request URL is malformed',
};

/** The error handler of the whole server: every error becomes `{error, field?}`; only our own bugs are 500s. */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const send = (status: number, body: ApiErrorBody) => {
    reply.header('cache-control', 'no-store');
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  };
  if (error instanceof HttpError) {
    for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    return send(error.statusCode, withField(error.message, error.field));
  }
  if (error instanceof ValidationError) return send(400, withField(error.message, error.field || undefined));
  if (error instanceof NotFoundError) return send(404, { error: error.message });
  if (error instanceof ClockError || error instanceof SyncBusyError)
    return send(409, { error: error.message });
  const fastifyError = error as Partial<FastifyError> | null;
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = fastifyError?.code ?? '';
    const message =
      FASTIFY_MESSAGES[code] ??
      (error instanceof SyntaxError ? 'the request body is not valid JSON' : undefined) ??
      fastifyError?.message ??
      'bad request';
    return send(status, { error: message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(500, { error: 'something went wrong on the server; the details are in its log' });
}

function withField(error: string, field: string | undefined): ApiErrorBody {
  return field ? { error, field } : { error };
}
