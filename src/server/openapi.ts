import { z } from 'zod';
import type { RouteDoc } from './auth.js';

export interface DocumentedRoute {
  readonly method: string;
  readonly url: string;
  readonly doc: RouteDoc | undefined;
  readonly anonymous: boolean;
  readonly csrf: boolean;
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string', description: 'a message a person understands' },
    field: { type: 'string', description: 'the input field at fault' },
  },
} as const;

const ERRORS: Readonly<Record<string, string>> = {
  400: 'invalid input: `field` names the field at fault',
  401: 'not logged in',
  403: 'missing or wrong x-csrf-token header',
  404: 'no such id (or it belongs to another user)',
  409: 'conflicts with the current state',
  413: 'request body too large',
  415: 'request body is not JSON',
  429: 'too many requests (see Retry-After)',
};

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

/** Query parameters of an object schema, one OpenAPI parameter each. */
function queryParameters(schema: z.ZodType): Record<string, unknown>[] {
  const s = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: 'query',
    required: (s.required ?? []).includes(name),
    schema: prop,
  }));
}

/** The OpenAPI 3.1 description of every documented route, built from the routes' zod schemas. */
export function openApiDocument(
  routes: readonly DocumentedRoute[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const doc = route.doc;
    if (!doc) continue;
    const path = route.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const pathParams = [...route.url.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const headerParams = route.csrf
      ? [
          {
            name: 'x-csrf-token',
            in: 'header',
            required: true,
            schema: { type: 'string' },
            description: 'the csrfToken returned by POST /api/session',
          },
        ]
      : [];
    const [status, description] = Object.entries(doc.responses)[0] ?? ['200', 'ok'];
    const success: Record<string, unknown> = { description };
    if (status !== '204') {
      success.content = doc.produces
        ? { [doc.produces]: { schema: { type: 'string' } } }
        : { 'application/json': { schema: { type: 'object' } } };
    }
    const responses: Record<string, unknown> = { [status]: success };
    for (const [code, text] of Object.entries(ERRORS)) {
      if (code === '401' && route.anonymous) continue;
      if (code === '403' && !route.csrf) continue;
      responses[code] = {
        description: text,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    const operation: Record<string, unknown> = {
      tags: [doc.tag],
      summary: doc.summary,
      operationId: `${route.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      parameters: [...pathParams, ...(doc.query ? queryParameters(doc.query) : []), ...headerParams],
      responses,
      security: route.anonymous ? [] : [{ session: [] }],
    };
    if (doc.description) operation.description = doc.description;
    if (doc.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(doc.body) } },
      };
    }
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'pfm JSON API',
      version,
      description:
        'The API of `pfm serve`, used by its web UI. Session cookie auth (pfm_session); every POST, PUT, PATCH and ' +
        'DELETE except log-in and registration needs the x-csrf-token header. Money in responses is integer minor ' +
        'units of the user\'s currency (the `currency` field); money in requests is decimal text such as "12.50".',
    },
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'pfm_session' } },
    },
  };
}
