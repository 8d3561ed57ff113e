import type { LocalStore } from '../local/local-store.js';
import { LocalSyncRows } from '../local/sync-rows.js';
import { redactUrl } from '../central/redact.js';
import { HttpRemote, HubError } from './http-remote.js';
import { errorResponseSchema, HUB_PREFIX, loginResponseSchema, type LoginRequest } from './hub-protocol.js';
import type { HubTokenFile } from './hub-token-file.js';

export interface HubLogin {
  readonly hubUrl: string;
  readonly store: LocalStore;
  readonly tokens: HubTokenFile;
  readonly userId: string;
  readonly password: string;
  /** What the hub lists this device as. */
  readonly label: string;
  readonly timeoutMs?: number;
}

export interface HubLoginResult {
  readonly tokenId: string;
  readonly deviceId: string;
}

/**
 * Get this device's token for a user from a hub (its password checked there) and keep it in the token file.
 * Used by `pfm login` and by the web server when a user logs in. When this device holds the user's row with a
 * password, the row goes along: a hub that takes registrations brings in a user it lacks. Throws HubError:
 * status 0 when the hub could not be reached, its HTTP status when it refused.
 */
export async function logInToHub(login: HubLogin): Promise<HubLoginResult> {
  const { hubUrl, store, userId } = login;
  const shown = redactUrl(hubUrl);
  const deviceId = store.deviceId;
  const body: LoginRequest = {
    userId,
    deviceId,
    password: login.password,
    label: login.label.slice(0, 200) || 'device',
  };
  const local = new LocalSyncRows(store).readVersions('app_user', [userId]).get(userId);
  if (local && typeof local.values.password_hash === 'string') {
    const { id, values, clock, hlc, modifiedAt } = local;
    body.register = { id, values, clock, hlc, modifiedAt, base: null };
  }
  let response: Response;
  try {
    response = await fetch(`${hubUrl.replace(/\/+$/, '')}${HUB_PREFIX}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(login.timeoutMs ?? 60_000),
    });
  } catch {
    throw new HubError(`cannot reach the hub at ${shown}`, 0, true);
  }
  const answer: unknown = await response.json().catch(() => null);
  // No log-in route of this protocol: the handshake names a hub older than this device, if that is what it is.
  if (response.status === 404)
    await new HttpRemote({ url: hubUrl, tokens: () => null, timeoutMs: login.timeoutMs })
      .handshake()
      .catch((e: unknown) => {
        if (e instanceof HubError && e.protocol !== undefined) throw e;
      });
  if (!response.ok) {
    const error = errorResponseSchema.safeParse(answer);
    throw new HubError(
      `log-in refused by ${shown}: ${error.success ? error.data.error : `HTTP ${response.status}`}`,
      response.status,
      response.status >= 500 || response.status === 429,
    );
  }
  const issued = loginResponseSchema.parse(answer);
  login.tokens.set(hubUrl, userId, {
    token: issued.token,
    tokenId: issued.tokenId,
    deviceId,
    createdAt: store.now().toISOString(),
  });
  return { tokenId: issued.tokenId, deviceId };
}
