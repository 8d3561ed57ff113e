import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CentralStore } from '../../central/central-store.js';
import { newId } from '../../domain/ids.js';
import { hashPassword, verifyPassword } from '../../domain/password.js';
import type { DirectRemote } from '../../sync/direct-remote.js';
import {
  loginRequestSchema,
  loginResponseSchema,
  type LoginRequest,
  type LoginResponse,
} from '../../sync/hub-protocol.js';
import { HttpError } from '../http-errors.js';
import { newDeviceToken } from '../device-token-secret.js';
import type { LoginThrottle } from '../sessions.js';
import { WorkGate } from '../work-gate.js';

export interface HubLoginOptions {
  readonly central: CentralStore;
  readonly remote: DirectRemote;
  readonly now: () => Date;
  /** Log-in attempts per address per minute. */
  readonly perMinute: number;
  /** Whether a device may bring a user the central store does not have (see `register` in LoginRequest). */
  readonly allowRegistration: boolean;
  /** Failed log-ins per user and address (a password guessed from one address). */
  readonly failures: LoginThrottle;
}

/** One answer for an unknown user, a user without a password and a wrong password: nothing to tell apart. */
const WRONG = 'wrong user or password';

/**
 * `POST /login`: a user's password (checked against the central copy of the user row, the same scrypt hash
 * the device and the web UI check) buys one device token for one device; an earlier token of that device is
 * revoked. Answers take the same scrypt work whether or not the user exists.
 */
export const hubLogin: FastifyPluginAsyncZod<HubLoginOptions> = async (app, options) => {
  const { central, remote, now } = options;
  // Two scrypt checks at once (128 MiB each), a few more waiting; a flood of log-ins gets 503, not the memory.
  const gate = new WorkGate(2, 16);
  // A hash no password matches, verified for unknown users so they cost as much time as known ones.
  let decoy: Promise<string> | null = null;
  const verifyDecoy = async (password: string) => {
    decoy ??= hashPassword(newId());
    await verifyPassword(password, await decoy);
    return false;
  };

  async function check(login: LoginRequest): Promise<boolean> {
    const [row] = await central.readRowsById(login.userId, 'app_user', [login.userId]);
    if (row) {
      const hash = row.values.password_hash;
      if (row.values.deleted === 1 || typeof hash !== 'string') return verifyDecoy(login.password);
      return verifyPassword(login.password, hash);
    }
    const offered = login.register;
    if (!options.allowRegistration || !offered || offered.id !== login.userId)
      return verifyDecoy(login.password);
    const hash = offered.values.password_hash;
    if (typeof hash !== 'string' || !(await verifyPassword(login.password, hash))) return false;
    // The new user's row goes in through the protocol's own checks, as its first push would.
    await remote.handshake();
    await remote.push({
      batchId: `register-${newId()}`,
      userId: login.userId,
      deviceId: login.deviceId,
      table: 'app_user',
      rows: [offered],
    });
    return true;
  }

  app.post(
    '/login',
    {
      config: { rateLimit: { max: options.perMinute, timeWindow: 60_000 } },
      schema: { body: loginRequestSchema, response: { 200: loginResponseSchema } },
    },
    async (request): Promise<LoginResponse> => {
      const login = request.body;
      if (!/^[0-9a-f]{16}$/.test(login.deviceId))
        throw new HttpError(400, 'deviceId must be 16 hexadecimal digits', 'deviceId');
      const key = `${login.userId} ${request.ip}`;
      const wait = options.failures.retryAfter(key);
      if (wait > 0)
        throw new HttpError(429, `too many failed log-ins: try again in ${wait} s`, undefined, {
          'retry-after': String(wait),
        });
      const ok = await gate.run(() => check(login));
      if (ok === null)
        throw new HttpError(503, 'the hub is busy checking other log-ins: try again in a moment', undefined, {
          'retry-after': '2',
        });
      if (!ok) {
        options.failures.fail(key);
        throw new HttpError(401, WRONG);
      }
      options.failures.clear(key);
      const at = now().toISOString();
      await central.deviceTokens.revoke({ userId: login.userId, deviceId: login.deviceId }, at);
      const { secret, hash } = newDeviceToken();
      const tokenId = newId();
      await central.deviceTokens.create({
        id: tokenId,
        tokenHash: hash,
        userId: login.userId,
        deviceId: login.deviceId,
        label: login.label,
        createdAt: at,
        lastUsedAt: null,
        revokedAt: null,
      });
      request.log.info({ tokenId, userId: login.userId, deviceId: login.deviceId }, 'device token issued');
      return { token: secret, tokenId, userId: login.userId, deviceId: login.deviceId };
    },
  );
};
