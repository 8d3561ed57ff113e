import type { FastifyInstance } from 'fastify';
import type { CentralStore } from '../../src/central/central-store.js';
import { newId } from '../../src/domain/ids.js';
import { newDeviceToken } from '../../src/server/device-token-secret.js';
import { buildHub, type HubOptions } from '../../src/server/hub/app.js';
import { HttpRemote } from '../../src/sync/http-remote.js';
import type { Remote } from '../../src/sync/remote.js';

/** A hub in this process, listening on a free loopback port, in front of a central store it does not own. */
export interface RunningHub {
  readonly app: FastifyInstance;
  readonly url: string;
  close(): Promise<void>;
}

export async function startHub(
  central: CentralStore,
  options: Omit<HubOptions, 'central'> = {},
  port = 0,
): Promise<RunningHub> {
  const app = await buildHub({ requestsPerMinute: 1_000_000, ...options, central, keepCentralOpen: true });
  const url = await app.listen({ host: '127.0.0.1', port });
  return { app, url, close: () => app.close() };
}

/** Issue a device token the way an admin could, straight into the central store; returns the secret. */
export async function issueToken(central: CentralStore, userId: string, deviceId: string): Promise<string> {
  const { secret, hash } = newDeviceToken();
  await central.deviceTokens.create({
    id: newId(),
    tokenHash: hash,
    userId,
    deviceId,
    label: `test ${deviceId}`,
    createdAt: new Date().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  });
  return secret;
}

/**
 * Device tokens of one test: issued on first use for each (user, device), forgotten by `reset` (the central
 * store's tokens are emptied with its other tables between cases).
 */
export class TestTokens {
  private readonly issued = new Map<string, Promise<string>>();
  constructor(private readonly central: () => CentralStore) {}

  source(deviceId: string): (userId: string) => Promise<string> {
    return (userId) => {
      const key = `${userId}/${deviceId}`;
      let token = this.issued.get(key);
      if (!token) {
        token = issueToken(this.central(), userId, deviceId);
        this.issued.set(key, token);
      }
      return token;
    };
  }

  reset(): void {
    this.issued.clear();
  }
}

/** A remote that syncs device `deviceId` through the hub at `url` with test tokens. */
export function viaHub(url: string, tokens: TestTokens, deviceId: string): Remote {
  return new HttpRemote({ url, tokens: tokens.source(deviceId) });
}
