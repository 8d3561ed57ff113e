import { existsSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { packageRoot } from '../../package-root.js';

/** `web/dist` of this package, wherever this module runs from (source, compiled or bundled). */
export const DEFAULT_WEB_ROOT = join(packageRoot(), 'web', 'dist') + sep;

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>pfm</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>pfm</h1>
<p>The web UI has not been built yet. Run <code>npm run build</code> in the pfm folder, then restart
<code>pfm serve</code>.</p>
<p>The JSON API works already: see <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</body>
</html>
`;

/**
 * The built web UI (a single-page app: unknown paths without a file extension get index.html, so the UI's own
 * routes survive a reload), or a short page saying how to build it. Unknown /api URLs get a JSON 404.
 */
export const staticRoutes: FastifyPluginAsync<{ webRoot: string | null | undefined }> = async (
  app,
  { webRoot },
) => {
  const root = webRoot === undefined ? DEFAULT_WEB_ROOT : webRoot;
  const built = root !== null && existsSync(join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      // `vite build` writes a brotli (.br) and a gzip (.gz) copy of each text file at the highest levels: sent
      // as they are to a browser that accepts them (with Vary: Accept-Encoding), so nothing is compressed per request.
      preCompressed: true,
      // Source maps would publish the UI's source: a build made with them for debugging keeps them on disk.
      allowedPath: (path) => !path.endsWith('.map'),
      setHeaders: (reply, path) => {
        // Vite names assets by content hash: they never change. index.html must be revalidated.
        reply.header(
          'cache-control',
          path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(NOT_BUILT),
    );
  }

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const api = path === '/api' || path.startsWith('/api/');
    if (api || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return reply
        .code(404)
        .header('cache-control', 'no-store')
        .send({ error: `no such ${api ? 'API route' : 'page'}: ${request.method} ${path.slice(0, 200)}` });
    }
    if (!built) return reply.code(404).type('text/html; charset=utf-8').send(NOT_BUILT);
    if (extname(path) !== '') return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    reply.header('cache-control', 'no-cache');
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
};
