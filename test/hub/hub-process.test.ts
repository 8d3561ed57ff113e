import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, userIdFor } from '../../src/domain/ids.js';
import { OUTDATED_DEVICE } from '../../src/sync/hub-protocol.js';
import { HubTokenFile } from '../../src/sync/hub-token-file.js';
import { pfmChild } from '../support/cli-runner.js';
import { startRewritingProxy, type RewritingProxy } from '../support/rewriting-proxy.js';
import { PFM_NODE_ARGS, pfmProcess, type CliResult } from '../support/cli-runner.js';
import { createTestDatabase, postgresSkipReason } from '../support/postgres-test-database.js';
import { startHubProcess as startHub, type HubProcess } from '../support/fleet/hub-process.js';

// `pfm hub` as a real process, as an admin runs it: it prints its URL, serves logins and syncs of real `pfm`
// processes (over plain HTTP behind a proxy, or HTTPS with its own certificate), logs each request on stderr
// without a token or a password in it, and stops cleanly on SIGTERM.
const PASSWORD = 'a-long-household-passphrase';
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pfm-hub-process-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function startHubProcess(central: string, ...args: string[]): Promise<HubProcess> {
  return startHubProcessIn(process.cwd(), join(root, 'hub-host'), central, ...args);
}

function startHubProcessIn(
  cwd: string,
  dataDir: string | undefined,
  central: string,
  ...args: string[]
): Promise<HubProcess> {
  return startHub({ pfm: PFM_NODE_ARGS, central, args: ['--port', '0', ...args], cwd, dataDir });
}

const tokenIn = (device: string) =>
  (
    Object.values(JSON.parse(readFileSync(join(root, device, 'hub-tokens.json'), 'utf8')).tokens)[0] as {
      token: string;
    }
  ).token;

const postgresSkip = await postgresSkipReason();

describe('pfm hub, a real process', { timeout: 120_000 }, () => {
  it.skipIf(postgresSkip !== null)(
    'keeps no state: never creates a device database in its folder (PostgreSQL)',
    async () => {
      const db = await createTestDatabase('hubcwd');
      const cwd = join(root, 'hub-cwd');
      mkdirSync(cwd);
      try {
        const hub = await startHubProcessIn(cwd, undefined, db.url);
        expect(await hub.stop()).toBe(0);
        expect(existsSync(join(cwd, 'pfm-data'))).toBe(false);
        expect(readdirSync(cwd)).toEqual([]);
      } finally {
        await db.drop();
      }
    },
  );

  it('serves login and sync to real pfm processes and logs no secret', async () => {
    const device = (...args: string[]) =>
      pfmProcess(['--data', join(root, 'laptop'), ...args], { input: PASSWORD });
    expect(device('user', 'add', 'sam', '--password-stdin').code).toBe(0);
    const hub = await startHubProcess(`sqlite:${join(root, 'central.db')}`, '--allow-registration');
    try {
      const login = device('login', '--user', 'sam', '--password-stdin', '--central', hub.url);
      expect(login.code, login.stderr).toBe(0);
      const sync = device('sync', '--user', 'sam', '--central', hub.url);
      expect(sync.code, sync.stderr).toBe(0);
      expect(sync.stdout).toMatch(/Sync Success: pushed \d+/);
    } finally {
      expect(await hub.stop()).toBe(0);
    }
    expect(hub.stderr()).toMatch(/"url":"\/sync\/v2\/users\/[^"]+\/push"/); // requests are logged
    expect(hub.stderr()).not.toContain(tokenIn('laptop'));
    expect(hub.stderr()).not.toContain(PASSWORD);
  });

  it('tells a device of protocol 1 to upgrade (426), and the CLI of an outdated device says so without retrying', async () => {
    const device = (...args: string[]) =>
      pfmProcess(['--data', join(root, 'old-laptop'), ...args], { input: PASSWORD });
    expect(device('user', 'add', 'olga', '--password-stdin').code).toBe(0);
    const olga = userIdFor('olga');
    const hub = await startHubProcess(`sqlite:${join(root, 'central-426.db')}`, '--allow-registration');
    let proxy: RewritingProxy | null = null;
    try {
      const login = device('login', '--user', 'olga', '--password-stdin', '--central', hub.url);
      expect(login.code, login.stderr).toBe(0);
      const token = tokenIn('old-laptop');

      // A push as a device of protocol 1 sends it: rows as objects, each field named with its value and clock.
      const hlc = '2026-11-20T12:00:00.000Z-0000-00000000000000aa';
      const v1Row = {
        id: newId(),
        values: { user_id: olga, category_id: newId(), amount: 1250, expense_date: '2026-11-20', deleted: 0 },
        hlc,
        clock: { user_id: hlc, category_id: hlc, amount: hlc, expense_date: hlc, deleted: hlc },
        modifiedAt: '2026-11-20T12:00:00.000Z',
        base: null,
      };
      const v1 = (method: string, path: string, body?: unknown) =>
        fetch(`${hub.url}/sync/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
      const refusal = { status: 426, body: { error: OUTDATED_DEVICE, protocol: 2 } };
      expect(OUTDATED_DEVICE).toBe('This hub speaks sync protocol 2; upgrade pfm on this device');
      const push = { batchId: newId(), deviceId: '00000000000000aa', table: 'expense', rows: [v1Row] };
      expect(await v1('POST', `/users/${olga}/push`, push)).toEqual(refusal);
      expect(await v1('GET', `/users/${olga}/handshake`)).toEqual(refusal);
      expect(await v1('GET', '/handshake')).toEqual(refusal);

      // The CLI of a device one protocol behind the hub: its requests reach the hub on protocol 1's paths.
      proxy = await startRewritingProxy(hub.url, (path) => path.replace('/sync/v2/', '/sync/v1/'));
      const tokens = new HubTokenFile(join(root, 'old-laptop', 'hub-tokens.json'));
      const stored = tokens.get(hub.url, olga);
      if (!stored) throw new Error('no token stored by pfm login');
      tokens.set(proxy.url, olga, stored);
      const sync = await pfmChild(
        [
          '--data',
          join(root, 'old-laptop'),
          'sync',
          '--user',
          'olga',
          '--central',
          proxy.url,
          '--retries',
          '3',
        ],
        { timeout: 60_000 },
      );
      expect(sync.code, sync.stderr).toBe(1);
      expect(sync.stderr).toContain(OUTDATED_DEVICE);
      expect(sync.stdout).toContain(`Sync completed: Failed: ${OUTDATED_DEVICE}`);
      expect(sync.stdout + sync.stderr).not.toMatch(/Retry|attempts/);
      // One handshake, refused, then only the run's report (refused too): not retried, nothing pushed.
      expect(proxy.requests).toEqual([
        `GET /sync/v1/users/${olga}/handshake`,
        `POST /sync/v1/users/${olga}/activity`,
      ]);
    } finally {
      await proxy?.close();
      expect(await hub.stop()).toBe(0);
    }
    // An outdated device's request is not worth the hub's error log.
    expect(hub.stderr()).not.toMatch(/"level":50/);
  });

  // The certificate is made with the openssl command; a machine without it reports this case as skipped.
  const noOpenssl = spawnSync('openssl', ['version']).status !== 0;
  it.skipIf(noOpenssl)('serves HTTPS with --tls-cert and --tls-key, and devices sync over it', async () => {
    const cert = join(root, 'cert.pem');
    const key = join(root, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const hub = await startHubProcess(
      `sqlite:${join(root, 'central-tls.db')}`,
      '--allow-registration',
      '--tls-cert',
      cert,
      '--tls-key',
      key,
    );
    try {
      expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const health = await new Promise<number>((resolve, reject) =>
        request(`${hub.url}/healthz`, { ca: readFileSync(cert) }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end(),
      );
      expect(health).toBe(200);
      // The device trusts this certificate as it would a private CA's.
      const device = (...args: string[]): CliResult => {
        const r = spawnSync(
          process.execPath,
          ['--import', 'tsx', 'src/cli/run.ts', '--data', join(root, 'tls-laptop'), ...args],
          {
            encoding: 'utf8',
            input: PASSWORD,
            env: { ...process.env, PFM_DATA: undefined, PFM_CENTRAL: undefined, NODE_EXTRA_CA_CERTS: cert },
          },
        );
        return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
      };
      expect(device('user', 'add', 'tess', '--password-stdin').code).toBe(0);
      const login = device('login', '--user', 'tess', '--password-stdin', '--central', hub.url);
      expect(login.code, login.stderr).toBe(0);
      const sync = device('sync', '--user', 'tess', '--central', hub.url);
      expect(sync.code, sync.stderr).toBe(0);
    } finally {
      expect(await hub.stop()).toBe(0);
    }
  });
});
