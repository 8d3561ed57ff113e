import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  hashDeviceToken,
  isDeviceTokenShape,
  newDeviceToken,
} from '../../../src/server/device-token-secret.js';
import { HubTokenFile, isHubUrl } from '../../../src/sync/hub-token-file.js';

const dir = mkdtempSync(join(tmpdir(), 'pfm-tokens-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (token: string) => ({
  token,
  tokenId: 't',
  deviceId: 'd',
  createdAt: '2026-11-20T00:00:00.000Z',
});

describe('HubTokenFile', () => {
  it('keeps one token per hub and user, readable by its owner only, whatever the spelling of the URL', () => {
    const file = new HubTokenFile(join(dir, 'data', 'hub-tokens.json'));
    file.set('https://Hub.Example.org/', 'u1', entry('one'));
    file.set('https://hub.example.org:8443', 'u1', entry('other port'));
    file.set('https://hub.example.org', 'u2', entry('two'));
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(file.get('https://hub.example.org', 'u1')?.token).toBe('one');
    expect(file.get('https://hub.example.org:8443/', 'u1')?.token).toBe('other port');
    expect(file.get('http://hub.example.org', 'u1')).toBeNull(); // plain http is another hub
    expect(file.remove('https://hub.example.org', 'u1')).toBe(true);
    expect(file.remove('https://hub.example.org', 'u1')).toBe(false);
    expect(file.get('https://hub.example.org', 'u2')?.token).toBe('two');
    expect(JSON.parse(readFileSync(file.path, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('a damaged file is reported by its path, without quoting what it holds', () => {
    const path = join(dir, 'damaged.json');
    writeFileSync(path, '{"tokens": {"k": {"token": "pfm1_secretsecret"');
    const error = (() => {
      try {
        new HubTokenFile(path).get('https://h', 'u');
        return null;
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toBe(`the hub token file ${path} is damaged: delete it and run pfm login again`);
  });

  it('tells hub URLs from database URLs', () => {
    expect(['https://h', 'http://127.0.0.1:8080', 'HTTPS://H'].every(isHubUrl)).toBe(true);
    expect(['sqlite:./c.db', 'postgres://u@h/db', 'oracle://u@h:1521/s'].some(isHubUrl)).toBe(false);
  });
});

describe('device token secrets', () => {
  it('are 256 random bits behind a recognisable prefix; the hub stores a hex SHA-256', () => {
    const a = newDeviceToken();
    const b = newDeviceToken();
    expect(a.secret).toMatch(/^pfm1_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.secret.slice(5), 'base64url')).toHaveLength(32);
    expect(a.secret).not.toBe(b.secret);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashDeviceToken(a.secret)).toBe(a.hash);
    expect(isDeviceTokenShape(a.secret)).toBe(true);
    expect([`${a.secret}=`, a.secret.slice(1), 'Bearer x', ''].some(isDeviceTokenShape)).toBe(false);
  });
});
