import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactUrl, scrubSecrets, urlSecrets } from '../../src/central/redact.js';
import { pfmProcess, tempDataDir } from '../support/cli-runner.js';

const SECRET = 'S3cretPW-77';

/** Every form of central URL the drivers accept, each with the password, all pointing at a closed port. */
const URLS: readonly { url: string; env?: Record<string, string> }[] = [
  { url: `postgres:${SECRET}@127.0.0.1:1/db` },
  { url: `postgres:pfm:${SECRET}@127.0.0.1:1/db` },
  { url: `postgresql://pfm:${SECRET}@127.0.0.1:1/db` },
  { url: `postgres://127.0.0.1:1/db?user=pfm&password=${SECRET}` },
  { url: `host=127.0.0.1 port=1 user=pfm password=${SECRET}` },
  { url: 'postgres://pfm@127.0.0.1:1/db', env: { PFM_CENTRAL_PASSWORD: SECRET } },
  { url: `oracle://scott:${SECRET}@127.0.0.1:1/XEPDB1` },
];

const pfm = (args: readonly string[], env: Record<string, string> = {}, timeout = 60_000) =>
  pfmProcess(args, { env, timeout });

describe('the central password never reaches any output (real processes)', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => {
    data = tempDataDir();
  });
  afterEach(() => data.dispose());

  it.each(URLS)('pfm sync and pfm hub with $url', ({ url, env }) => {
    const outputs: string[] = [];
    for (const json of [[], ['--json']]) {
      const r = pfm(
        ['--data', data.dir, ...json, '--central', url, 'sync', '--user', 'alice', '--retries', '0'],
        env,
      );
      expect(r.code, r.stderr).not.toBe(0);
      expect(r.stderr).toMatch(/^pfm: /);
      outputs.push(r.stdout, r.stderr);
    }
    const log = join(data.dir, 'logs', 'sync_log.txt');
    if (existsSync(log)) outputs.push(readFileSync(log, 'utf8'));
    const hub = pfm(['--data', data.dir, '--central', url, 'hub', '--port', '0'], env, 30_000);
    expect(hub.code).not.toBe(0);
    expect(hub.stderr).toMatch(/^pfm: /);
    outputs.push(hub.stdout, hub.stderr);
    for (const text of outputs) expect(text).not.toContain(SECRET);
    // A password in the URL is still shown to be there.
    if (!env) expect(outputs.join('\n')).toContain('***');
  });
});

describe('redaction of every URL form', () => {
  it('redacts the password of each form a driver accepts', () => {
    expect(redactUrl(`postgres:${SECRET}@h/db`)).toBe('postgres:***@h/db');
    expect(redactUrl(`postgres:me:${SECRET}@h/db`)).toBe('postgres:me:***@h/db');
    expect(redactUrl(`postgresql://me:${SECRET}@h`)).toBe('postgresql://me:***@h');
    expect(redactUrl(`postgres://h?password=${SECRET}`)).toBe('postgres://h?password=***');
    expect(redactUrl(`postgres://h/db?sslpassword=${SECRET}&ssl=1`)).toBe(
      'postgres://h/db?sslpassword=***&ssl=1',
    );
    expect(redactUrl(`host=h password=${SECRET} dbname=x`)).toBe('host=h password=*** dbname=x');
    expect(redactUrl(`host=h password='${SECRET} x' dbname=x`)).toBe('host=h password=*** dbname=x');
    expect(redactUrl(`scott/${SECRET}@db:1521/XE`)).toBe('scott/***@db:1521/XE');
    expect(redactUrl(`oracle://scott:${SECRET}@db:1521/XE`)).toBe('oracle://scott:***@db:1521/XE');
    expect(redactUrl('sqlite:./pfm-central.db')).toBe('sqlite:./pfm-central.db');
    expect(redactUrl('https://hub.example/')).toBe('https://hub.example/');
  });

  it('finds the secrets of a URL, and scrubs URLs of any form out of messages', () => {
    expect(urlSecrets(`postgres:${SECRET}@h/db`)).toEqual([SECRET]);
    expect(urlSecrets(`host=h password='a b'`)).toEqual(["'a b'", 'a b']);
    expect(urlSecrets(`postgres://u:p%40ss@h/db`)).toEqual(['p%40ss', 'p@ss']);
    expect(scrubSecrets(`bad postgres:u:${SECRET}@h/db and password=${SECRET}`, [])).toBe(
      'bad postgres:u:***@h/db and password=***',
    );
  });
});
