import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServer, type TestServer } from '../support/api-server.js';

interface Operation {
  summary: string;
  tags: string[];
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: {
    content: {
      'application/json': {
        schema: { properties: Record<string, unknown>; required?: string[]; additionalProperties?: boolean };
      };
    };
  };
  responses: Record<string, unknown>;
  security: unknown[];
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

describe('/api/openapi.json', () => {
  let s: TestServer;
  let doc: Doc;
  beforeAll(async () => {
    s = await openServer();
    const res = await s.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json<Doc>();
  });
  afterAll(() => s.close());

  it('is OpenAPI 3.1 and describes every route the server has', () => {
    expect(doc.openapi).toBe('3.1.0');
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const served = s.app.apiRoutes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThanOrEqual(28);
    expect(listed.sort()).toEqual(served.sort());
  });

  it('lists each route the onRoute hook saw under its own path and method, and nothing outside /api', () => {
    for (const route of s.app.apiRoutes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/'))).toEqual([]);
  });

  it('gives each operation its parameters, body schema, responses and security', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.summary.length, `${method} ${path}`).toBeGreaterThan(5);
        for (const name of path.match(/\{(\w+)\}/g) ?? []) {
          expect(op.parameters).toContainEqual(
            expect.objectContaining({ name: name.slice(1, -1), in: 'path', required: true }),
          );
        }
        const anonymous = op.security.length === 0;
        expect(Object.keys(op.responses).includes('401')).toBe(!anonymous);
      }
    }
    const post = doc.paths['/api/expenses']?.post as Operation;
    const schema = post.requestBody?.content['application/json'].schema;
    expect(Object.keys(schema?.properties ?? {}).sort()).toEqual([
      'account',
      'amount',
      'category',
      'date',
      'method',
      'note',
      'payee',
      'splits',
      'status',
      'tags',
    ]);
    // A split expense's category is its first part's, so category is required only without splits.
    expect(schema?.required?.sort()).toEqual(['amount', 'date']);
    expect(schema?.additionalProperties).toBe(false);
    expect(post.parameters).toContainEqual(expect.objectContaining({ name: 'x-csrf-token', in: 'header' }));
    const list = doc.paths['/api/expenses']?.get as Operation;
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'from',
        'to',
        'category',
        'method',
        'search',
        'payee',
        'tag',
        'sort',
        'order',
        'limit',
        'offset',
      ]),
    );
    expect(doc.paths['/api/income']?.get?.parameters.map((p) => p.name)).toContain('source');
    expect(Object.keys(doc.paths['/api/sync']?.post?.responses ?? {})).toContain('200');
    expect(doc.paths['/api/session']?.post?.security).toEqual([]);
  });
});
