import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { userIdFor } from '../../src/domain/ids.js';
import { OUTDATED_DEVICE } from '../../src/sync/hub-protocol.js';
import { HubTokenFile } from '../../src/sync/hub-token-file.js';
import { sqliteHarness } from '../support/central-stores.js';
import { runCli, tempDataDir } from '../support/cli-runner.js';
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

describe('a device of protocol 2 and a hub of protocol 1', () => {
  let dir: ReturnType<typeof tempDataDir>;
  let hubOfProtocol1: Server;
  let url: string;
  beforeAll(async () => {
    dir = tempDataDir();
    // What a hub of protocol 1 answers: its handshake at /sync/v1, a 404 to every route of protocol 2.
    hubOfProtocol1 = createServer((request, response) => {
      const v1Handshake = request.url === '/sync/v1/handshake';
      response.writeHead(v1Handshake ? 200 : 404, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(
          v1Handshake
            ? { protocol: 1, remoteId: 'store-1', schemaVersion: 8, limits: { push: 5000, pull: 5000 } }
            : { error: `no such hub route: ${request.method} ${request.url}` },
        ),
      );
    });
    await new Promise<void>((resolve) => hubOfProtocol1.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(hubOfProtocol1.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => hubOfProtocol1.close(resolve));
    dir.dispose();
  });

  it('pfm login and pfm sync say the hub is older and is the one to upgrade', async () => {
    const pfm = (args: string[]) => runCli(['--data', dir.dir, ...args], { stdin: 'a-long-passphrase' });
    expect((await pfm(['user', 'add', 'ann', '--password-stdin'])).code).toBe(0);
    const older = `the hub at ${url} speaks sync protocol 1, older than this device's 2: upgrade pfm on the hub`;
    const login = await pfm(['login', '--user', 'ann', '--password-stdin', '--central', url]);
    expect(login.code).not.toBe(0);
    expect(login.stderr).toContain(older);
    // A token from before the hub was downgraded, say: the sync's handshake finds the same.
    new HubTokenFile(join(dir.dir, 'hub-tokens.json')).set(url, ANN, {
      token: `pfm1_${'a'.repeat(43)}`,
      tokenId: 't1',
      deviceId: '00000000000000a1',
      createdAt: '2026-12-01T00:00:00.000Z',
    });
    const sync = await pfm(['sync', '--user', 'ann', '--central', url]);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain(older);
    expect(sync.stdout).not.toMatch(/Retry/);
  });
});
