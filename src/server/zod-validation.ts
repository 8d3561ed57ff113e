import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { badRequest, HttpError, inputError } from './http-errors.js';
import { serializerCompiler } from './zod-serializer.js';

type Checked = { value: unknown } | { error: HttpError };

/** No body is an empty object, so that each missing field is named; anything but a JSON object is refused. */
function checkBody(schema: z.ZodType, data: unknown): Checked {
  const input = data === undefined || data === null ? {} : data;
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { error: badRequest('the request body must be a JSON object') };
  }
  return check(schema, input);
}

/** Each parameter once; an empty one is left out (an empty form field means "no filter"). */
function checkQuery(schema: z.ZodType, data: unknown): Checked {
  const input: Record<string, unknown> = {};
  const given = typeof data === 'object' && data !== null ? Object.entries(data) : [];
  for (const [key, value] of given) {
    if (Array.isArray(value)) return { error: badRequest(`give the ${key} parameter only once`, key) };
    if (value !== '') input[key] = value;
  }
  return check(schema, input);
}

/** A path naming nothing (a report or a table that does not exist) is a 404, as any unknown URL. */
function checkParams(schema: z.ZodType, data: unknown): Checked {
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data };
  return { error: new HttpError(404, result.error.issues[0]?.message ?? 'no such resource') };
}

function check(schema: z.ZodType, input: unknown): Checked {
  const result = schema.safeParse(input);
  return result.success ? { value: result.data } : { error: inputError(result.error) };
}

/**
 * Fastify's validator for the routes' zod schemas (whose types fastify-type-provider-zod gives the handlers).
 * Every refusal is an HttpError, so the error handler answers it as `{error, field?}` like any other.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data: unknown) => {
    switch (httpPart) {
      case 'body':
        return checkBody(schema, data);
      case 'querystring':
        return checkQuery(schema, data);
      case 'params':
        return checkParams(schema, data);
      default:
        return check(schema, data);
    }
  };

/** Requests checked, and answers written, by the routes' zod schemas. */
export function useZodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
}
