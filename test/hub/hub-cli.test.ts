import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralStore } from '../../src/central/central-store.js';
import { openCentral } from '../../src/central/open-central.js';
import { runCli } from '../support/cli-runner.js';
import { startHub, type RunningHub } from '../support/hub.js';

// The hub as a user meets it: `pfm login` on two devices, `pfm sync --central http://...`, the admin's
// `pfm hub tokens list|revoke` on the central store, and a revoked device refused at its next sync.
const PASSWORD = 'ann-secret-passphrase';

let root: string;
let centralUrl: string;
let central: CentralStore | null = null;
let hub: RunningHub | null = null;
let clock = Date.parse('2026-11-20T12:00:00Z');

async function startHubOnDir(port = 0): Promise<string> {
  central = await openCentral(centralUrl);
  hub = await startHub(central, { allowRegistration: true }, port);
  return hub.url;
}

async function stopHub(): Promise<void> {
  await hub?.close();
  await central?.close();
  hub = null;
  central = null;
}

const on = (device: string, args: string[], stdin?: string, env: Record<string, string> = {}) =>
  runCli(['--data', join(root, device), ...args], { stdin, env, now: new Date((clock += 1000)) });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pfm-hub-cli-'));
  centralUrl = `sqlite:${join(root, 'central.db')}`;
});
afterAll(async () => {
  await stopHub();
  rmSync(root, { recursive: true, force: true });
});

describe('pfm login and sync through a hub', { timeout: 240_000 }, () => {
  it('two devices log in, sync through the hub, and a revoked device is refused', async () => {
    let url = await startHubOnDir();
    expect((await on('laptop', ['user', 'add', 'ann', '--password-stdin'], PASSWORD)).code).toBe(0);
    const added = await on('laptop', [
      '--json',
      'expense',
      'add',
      '--user',
      'ann',
      '--amount',
      '12.50',
      '--category',
      'Food',
      '--date',
      '2026-11-01',
    ]);
    expect(added.code, added.stderr).toBe(0);

    // Not logged in yet: the sync fails, saying how to log in; nothing reaches the hub.
    const early = await on('laptop', ['sync', '--user', 'ann', '--central', url]);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/pfm login/);

    // The laptop brings the new user (registration is open on this hub) and keeps its token private.
    const login = await on(
      'laptop',
      ['--json', 'login', '--user', 'ann', '--password-stdin', '--central', url],
      PASSWORD,
    );
    expect(login.code, login.stderr).toBe(0);
    const tokenFile = join(root, 'laptop', 'hub-tokens.json');
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const token = (Object.values(JSON.parse(readFileSync(tokenFile, 'utf8')).tokens)[0] as { token: string })
      .token;
    expect(token).toMatch(/^pfm1_/);
    expect(login.stdout + login.stderr).not.toContain(token);
    const pushed = await on('laptop', ['sync', '--user', 'ann', '--central', url]);
    expect(pushed.code, pushed.stderr).toBe(0);

    // The phone: a wrong password is refused; the right one gets its own token, and the data comes down.
    const wrong = await on(
      'phone',
      ['login', '--user', 'ann', '--password-stdin', '--central', url],
      'nope-nope-nope',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong user or password/);
    expect(wrong.stderr).not.toContain('nope-nope-nope');
    const phoneLogin = await on(
      'phone',
      ['--json', 'login', '--user', 'ann', '--password-stdin', '--central', url],
      PASSWORD,
    );
    expect(phoneLogin.code, phoneLogin.stderr).toBe(0);
    const phoneDevice = (JSON.parse(phoneLogin.stdout) as { deviceId: string }).deviceId;
    const pulled = await on('phone', ['sync', '--user', 'ann', '--central', url]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const list = async (device: string) =>
      JSON.parse((await on(device, ['--json', 'expense', 'list', '--user', 'ann'])).stdout) as unknown;
    expect(await list('phone')).toEqual(await list('laptop'));

    // A hub is not a database: central reports need the store itself.
    const report = await on('phone', ['report', 'monthly', '--user', 'ann', '--central', url]);
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/is a hub/);

    // The admin, on the central store: two live tokens of ann; the phone's is revoked.
    await stopHub();
    const tokens = await on('admin', [
      '--json',
      'hub',
      'tokens',
      'list',
      '--user',
      'ann',
      '--central',
      centralUrl,
    ]);
    expect(tokens.code, tokens.stderr).toBe(0);
    const listed = JSON.parse(tokens.stdout) as { deviceId: string; revokedAt: string | null }[];
    expect(listed).toHaveLength(2);
    expect(listed.every((t) => t.revokedAt === null)).toBe(true);
    expect(tokens.stdout).not.toContain(token);
    const revoke = await on('admin', [
      '--json',
      'hub',
      'tokens',
      'revoke',
      '--user',
      'ann',
      '--device',
      phoneDevice,
      '--central',
      centralUrl,
    ]);
    expect(JSON.parse(revoke.stdout)).toEqual({ revoked: 1 });

    url = await startHubOnDir(Number(new URL(url).port)); // the same address: the devices' tokens are for it
    const refused = await on('phone', ['sync', '--user', 'ann', '--central', url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/run pfm login again/);
    const still = await on('laptop', ['sync', '--user', 'ann', '--central', url]);
    expect(still.code, still.stderr).toBe(0);
  });

  it.each([
    [['hub', '--port', 'eighty'], /--port must be a whole number/],
    [['hub', '--tls-cert', 'cert.pem'], /give --tls-cert and --tls-key together/],
    [['hub', '--log-level', 'loud'], /--log-level must be one of/],
    [['hub', '--logins-per-minute', '0'], /--logins-per-minute must be a whole number from 1/],
    [['hub', 'tokens', 'revoke'], /give a token id or --user U/],
    [['hub', 'tokens', 'revoke', 'some-id', '--user', 'ann'], /give a token id or --user U/],
    [['hub', 'tokens', 'revoke', '--device', 'abc'], /give a token id or --user U/],
    [
      ['login', '--user', 'ann', '--password-stdin', '--central', 'sqlite:./x.db'],
      /give the hub with --central https/,
    ],
    [['login', '--user', 'ann', '--central', 'https://hub.example.org'], /give --password-stdin/],
    [['hub', '--central', 'https://hub.example.org'], /is a hub, which serves sync only/],
  ])('pfm %j is refused as bad input (exit 2), with one line saying why', async (args, message) => {
    const r = await on('usage', args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
