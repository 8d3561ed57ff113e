import type { FastifyInstance } from 'fastify';
import { isStateChanging } from './auth.js';

/** One method of one /api route, and the guards it has. */
export interface ApiRoute {
  readonly method: string;
  readonly url: string;
  readonly anonymous: boolean;
  readonly csrf: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route registered (tests walk them: guards, robustness, the OpenAPI document). */
    apiRoutes: ApiRoute[];
  }
}

/** Keep the list of /api routes as they are added; call before any route is. */
export function collectApiRoutes(app: FastifyInstance): void {
  const routes: ApiRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || !route.url.startsWith('/api/')) continue;
      routes.push({
        method,
        url: route.url,
        anonymous: route.config?.anonymous === true,
        csrf: isStateChanging(method) && route.config?.noCsrf !== true,
      });
    }
  });
  app.decorate('apiRoutes', routes);
}
