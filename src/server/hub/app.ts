import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { CentralStore } from '../../central/central-store.js';
import { DirectRemote } from '../../sync/direct-remote.js';
import { HUB_PREFIX } from '../../sync/hub-protocol.js';
import { bearer } from './auth.js';
import { sendHubError } from './errors.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError } from '../http-errors.js';
import { LoginThrottle } from '../sessions.js';
import { useZodSchemas } from '../zod-validation.js';
import { hubLogin } from './login.js';
import { newerProtocolOf, refuseNewerProtocol, refuseOlderProtocols } from './other-protocols.js';
import { hubRoutes } from './routes.js';

export interface HubOptions {
  /** The central store the hub serves; the hub closes it when it closes, unless `keepCentralOpen`. */
  readonly central: CentralStore;
  /** The caller owns the central store (tests, an embedding process) and closes it itself. */
  readonly keepCentralOpen?: boolean;
  /** The hub's wall clock (tests move it); device clocks are checked against the central store's. */
  readonly now?: () => Date;
  /** Fastify's logger option (default off). The Authorization header and passwords are always redacted. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Largest request body in bytes (default 16 MiB: a full push batch of 5000 rows with long notes). */
  readonly bodyLimit?: number;
  /** Requests per minute per device token (or per address without one); default 1200. */
  readonly requestsPerMinute?: number;
  /** Log-in attempts per address per minute (default 10): each costs a 128 MiB scrypt. */
  readonly loginsPerMinute?: number;
  /** Failed log-ins per user and address per minute before 429 (default 5). */
  readonly loginFailuresPerMinute?: number;
  /** Refused device tokens per address per minute before 429 (default 30). */
  readonly tokenFailuresPerMinute?: number;
  /** Let a device bring a user the central store does not have yet (default false). */
  readonly allowRegistration?: boolean;
  /** Longest a request may take to arrive (default 30 s): a slow client cannot hold a socket forever. */
  readonly requestTimeoutMs?: number;
  /** Serve HTTPS directly with this certificate and key (PEM); otherwise run behind a TLS proxy. */
  readonly https?: { readonly cert: Buffer | string; readonly key: Buffer | string };
  /** Behind a proxy: take the client address from X-Forwarded-For (for per-address limits). */
  readonly trustProxy?: boolean;
}

/** What never appears in a hub log line, whatever a route or plugin logs. */
export const HUB_LOG_REDACT = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'password',
  '*.password',
  'token',
  '*.token',
];

/** The rate-limit bucket of a request: its token (hashed: the key may be logged) or else its address. */
function limitKey(request: Parameters<typeof bearer>[0]): string {
  const secret = bearer(request);
  return secret ? `t:${createHash('sha256').update(secret).digest('hex').slice(0, 32)}` : `a:${request.ip}`;
}

/**
 * `pfm hub`: the sync protocol over HTTP in front of a central store (docs/architecture.md, "Remotes and the
 * hub"). The hub keeps no state of its own: tokens, batches and rows live in the central store, so several
 * hubs can serve one store behind a load balancer. Rate-limit counters are per hub process, which is what a
 * limit per hub needs.
 */
export async function buildHub(options: HubOptions): Promise<FastifyInstance> {
  const logger = options.logger ?? false;
  const app = Fastify({
    logger:
      logger === false
        ? false
        : {
            ...(typeof logger === 'object' ? logger : {}),
            redact: { paths: HUB_LOG_REDACT, censor: '[redacted]' },
          },
    bodyLimit: options.bodyLimit ?? 16 * 1024 * 1024,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    connectionTimeout: options.requestTimeoutMs ?? 30_000,
    trustProxy: options.trustProxy ?? false,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    ...(options.https ? { https: { cert: options.https.cert, key: options.https.key } } : {}),
  });
  const now = options.now ?? (() => new Date());
  // Throttle windows run on real time: a test's clock may stand still or jump days.
  const millis = () => Date.now();
  const remote = new DirectRemote(options.central, now);
  // Reads the central clock (device clocks are checked against it) and refuses a schema it does not know.
  await remote.handshake();
  if (!options.keepCentralOpen) app.addHook('onClose', () => remote.close());

  app.removeContentTypeParser('text/plain');
  useZodSchemas(app);
  app.setErrorHandler((error, request, reply) => sendHubError(error, request, reply));
  app.setNotFoundHandler((request, reply) => {
    const newer = newerProtocolOf(request.url);
    if (newer !== null) return refuseNewerProtocol(reply, newer);
    return sendHubError(
      new HttpError(404, `no such hub route: ${request.method} ${request.url.split('?')[0]}`),
      request,
      reply,
    );
  });
  await app.register(rateLimit, {
    max: options.requestsPerMinute ?? 1200,
    timeWindow: 60_000,
    keyGenerator: limitKey,
    errorResponseBuilder: (_request, context) =>
      new HttpError(context.statusCode, `too many requests: try again in ${context.after}`),
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  // For load balancers and monitors: 200 while the central store answers with a schema this hub knows.
  app.get('/healthz', { config: { rateLimit: false } }, async () => {
    await options.central.checkSchema();
    return { status: 'ok' };
  });

  refuseOlderProtocols(app);
  const sync = app.withTypeProvider<ZodTypeProvider>();
  await sync.register(hubLogin, {
    prefix: HUB_PREFIX,
    central: options.central,
    remote,
    now,
    perMinute: options.loginsPerMinute ?? 10,
    allowRegistration: options.allowRegistration ?? false,
    failures: new LoginThrottle(millis, options.loginFailuresPerMinute ?? 5),
  });
  await sync.register(hubRoutes, {
    prefix: HUB_PREFIX,
    central: options.central,
    remote,
    now,
    authFailures: new LoginThrottle(millis, options.tokenFailuresPerMinute ?? 30),
  });
  return app;
}
