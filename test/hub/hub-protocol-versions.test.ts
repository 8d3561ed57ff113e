import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { userIdFor } from '../../src/domain/ids.js';
import { OUTDATED_DEVICE } from '../../src/sync/hub-protocol.js';
import { sqliteHarness } from '../support/central-stores.js';
import { issueToken, startHub, type RunningHub } from '../support/hub.js';

/**
 * A hub of protocol 2 and devices of other protocols: an older device is told, on every route it knows, to
 * upgrade itself (426); a newer one, to have the hub upgraded. Both answers name the hub's protocol.
 */
const embedded = sqliteHarness();
const BODY_LIMIT = 1024 * 1024;
const ANN = userIdFor('ann');

let central: CentralStore;
let hub: RunningHub;
let token: string;

beforeAll(async () => {
  central = await embedded.setup(() => undefined);
  hub = await startHub(central, { bodyLimit: BODY_LIMIT });
  token = await issueToken(central, ANN, '00000000000000a1');
}, 60_000);

afterAll(async () => {
  await hub.close();
  await embedded.teardown(central);
});

async function ask(method: string, path: string, body?: string) {
  const response = await fetch(`${hub.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('a hub of protocol 2', () => {
  const v1Routes: [string, string][] = [
    ['GET', '/sync/v1/handshake'],
    ['GET', `/sync/v1/users/${ANN}/handshake`],
    ['POST', '/sync/v1/login'],
    ['GET', `/sync/v1/users/${ANN}/heads`],
    ['POST', `/sync/v1/users/${ANN}/push`],
    ['GET', `/sync/v1/users/${ANN}/tables/expense/changes?after=0&limit=100`],
    ['POST', `/sync/v1/users/${ANN}/tables/expense/fetch`],
    ['GET', `/sync/v1/users/${ANN}/tables/expense/digest`],
    ['POST', `/sync/v1/users/${ANN}/activity`],
  ];
  it.each(v1Routes)('answers protocol 1’s %s %s with 426 and what to do', async (method, path) => {
    const answer = await ask(method, path, method === 'POST' ? '{}' : undefined);
    expect(answer).toEqual({ status: 426, body: { error: OUTDATED_DEVICE, protocol: 2 } });
  });

  it('answers an old device’s push before reading it: a body over the limit gets the same 426, not 413', async () => {
    const huge = JSON.stringify({ rows: ['x'.repeat(BODY_LIMIT * 2)] });
    expect(await ask('POST', `/sync/v1/users/${ANN}/push`, huge)).toEqual({
      status: 426,
      body: { error: OUTDATED_DEVICE, protocol: 2 },
    });
  });

  it('tells a device of a newer protocol that the hub is the one to upgrade', async () => {
    expect(await ask('GET', `/sync/v3/users/${ANN}/handshake`)).toEqual({
      status: 404,
      body: {
        error: "This hub speaks sync protocol 2, older than this device's 3; upgrade pfm on the hub",
        protocol: 2,
      },
    });
    // Its own protocol's unknown routes are plain 404s.
    expect(await ask('GET', '/sync/v2/nowhere')).toEqual({
      status: 404,
      body: { error: 'no such hub route: GET /sync/v2/nowhere' },
    });
  });
});
