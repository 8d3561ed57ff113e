import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CentralStore } from '../../central/central-store.js';
import { scrubSecrets, urlSecrets } from '../../central/redact.js';
import type { LocalStore } from '../../local/local-store.js';
import type { RetryPolicy } from '../../sync/retry.js';
import { fileLogger, type SyncLogger } from '../../sync/sync-logger.js';
import { hostChecker } from '../host-check.js';
import { HttpError, sendError } from '../http-errors.js';
import { useZodSchemas } from '../zod-validation.js';
import { collectApiRoutes } from './api-routes.js';
import { registerAuth } from './auth.js';
import { accountReportRoutes } from './account-report-routes.js';
import { accountRoutes } from './account-routes.js';
import { budgetRoutes } from './budget-routes.js';
import { bulkRoutes } from './bulk-routes.js';
import { categoryRoutes } from './category-routes.js';
import { registerCompression } from './compression.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { goalRoutes } from './goal-routes.js';
import { importRoutes } from './import-routes.js';
import { acceptJsonBodies } from './json-body.js';
import { expenseRoutes, incomeRoutes } from './money-event-routes.js';
import { openApiRoutes, registerOpenApi } from './openapi.js';
import { payeeTagRoutes } from './payee-tag-routes.js';
import { reportRoutes } from './report-routes.js';
import { ServerContext } from './server-context.js';
import { sessionRoutes } from './session-routes.js';
import { staticRoutes } from './static-routes.js';
import { SyncManager } from './sync-manager.js';
import { syncRoutes } from './sync-routes.js';
import { transferRoutes } from './transfer-routes.js';
import { scheduleRoutes } from './schedule-routes.js';

export interface ServerOptions {
  /** This device's database. The server never closes it: its owner does. */
  readonly store: LocalStore;
  /** The central store to sync with: sqlite:PATH | postgres://... | oracle://... (see openCentral). */
  readonly centralUrl: string;
  /** The central store's password when the URL has none (`pfm serve` passes PFM_CENTRAL_PASSWORD). */
  readonly password?: string;
  /** Wall clock of sessions, throttles and "today"; default the store's clock. */
  readonly now?: () => Date;
  /** Fastify's logger option (default off). */
  readonly logger?: FastifyServerOptions['logger'];
  /** Folder of the built web UI; default `web/dist` of this package; null serves no UI. */
  readonly webRoot?: string | null;
  /** An already open central store to use (and leave open) instead of opening `centralUrl` per sync. */
  readonly central?: CentralStore;
  /** Retries of a failed sync (default 1 s, 2 s, 4 s, as the original specification asked). */
  readonly syncRetry?: RetryPolicy;
  /**
   * Where sync log lines go, in the original specification's format (e.g. DATA/logs/sync_log.txt); also to
   * the server log.
   */
  readonly syncLogFile?: string;
  /** The device-wide sync lock file, shared with `pfm sync` (DATA/sync.lock). */
  readonly syncLockFile?: string;
  /** This device's hub tokens (DATA/hub-tokens.json), for an http(s):// central URL. */
  readonly hubTokenFile?: string;
  /** Failed log-ins per user name and address before 429 (default 5 per minute). */
  readonly loginLimit?: { readonly failures: number; readonly windowMs: number };
  /** Registrations per address per minute (default 20). */
  readonly registerPerMinute?: number;
  /** Log-in attempts per address per minute, any name (default 30). */
  readonly loginPerMinute?: number;
  /** Largest JSON body accepted, in bytes (default 64 KiB). */
  readonly bodyLimit?: number;
  /**
   * Behind a proxy only: believe its X-Forwarded-For (client addresses), X-Forwarded-Proto (the session cookie
   * is Secure over https) and X-Forwarded-Host (the name checked against the allowed hosts).
   */
  readonly trustProxy?: boolean;
  /** The address listened on (--host): answered to at the listening port, like 127.0.0.1, localhost and [::1]. */
  readonly listenHost?: string;
  /** Further host names requests may be addressed to, NAME or NAME:PORT (--allowed-host). */
  readonly allowedHosts?: readonly string[];
}

/**
 * The web UI's server: the JSON API under /api (docs/architecture.md), the built UI's files, sessions, CSRF,
 * security headers and rate limits. Everything it keeps (sessions, throttles, sync timers) belongs to this
 * instance and ends with `app.close()`.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    trustProxy: options.trustProxy ?? false,
    routerOptions: { maxParamLength: 200 },
  });
  const now = options.now ?? (() => options.store.now());
  const lines: SyncLogger[] = [{ log: (level, message) => app.log.info({ sync: level }, message) }];
  if (options.syncLogFile) lines.push(fileLogger(options.syncLogFile, now));
  const syncs = new SyncManager({
    store: options.store,
    centralUrl: options.centralUrl,
    password: options.password,
    central: options.central,
    retry: options.syncRetry,
    hubTokenFile: options.hubTokenFile,
    syncLockFile: options.syncLockFile,
    logger: {
      // The sync engine passes redacted URLs only; this is the last line of defence for the log file.
      log: (level, message) => {
        const scrubbed = scrubSecrets(message, [...urlSecrets(options.centralUrl), options.password]);
        lines.forEach((l) => l.log(level, scrubbed));
      },
    },
  });
  const ctx = new ServerContext(
    options.store,
    now,
    syncs,
    options.loginLimit ?? { failures: 5, windowMs: 60_000 },
  );
  app.addHook('onClose', () => syncs.close());
  syncs.resumeAutoSync();

  acceptJsonBodies(app);
  useZodSchemas(app);
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  const checkHost = hostChecker(options);
  app.addHook('onRequest', async (request) => checkHost(request));

  await app.register(cookie);
  await app.register(helmet, {
    // Served over plain http on 127.0.0.1: no HSTS, no upgrade of requests to https.
    strictTransportSecurity: false,
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'connect-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'font-src': ["'self'", 'data:'],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HttpError(context.statusCode, `too many requests: try again in ${context.after}`),
  });

  await registerCompression(app);
  collectApiRoutes(app);
  await registerOpenApi(app);

  registerAuth(app, ctx);
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  await api.register(sessionRoutes, {
    ctx,
    registerPerMinute: options.registerPerMinute ?? 20,
    loginPerMinute: options.loginPerMinute ?? 30,
  });
  for (const routes of [
    categoryRoutes,
    expenseRoutes,
    incomeRoutes,
    payeeTagRoutes,
    budgetRoutes,
    goalRoutes,
    accountRoutes,
    transferRoutes,
    scheduleRoutes,
    accountReportRoutes,
    reportRoutes,
    dashboardRoutes,
    importRoutes,
    syncRoutes,
    bulkRoutes,
  ]) {
    await api.register(routes, { ctx });
  }
  await api.register(openApiRoutes);
  await app.register(staticRoutes, { webRoot: options.webRoot });
  return app;
}
