import { beforeAll, describe, it, expect } from 'vitest';
import { hashPassword, SCRYPT_PARAMS, verifyPassword } from '../../../src/domain/password.js';

const PASSWORD = 'correct horse battery staple';

// scrypt at the OWASP work factor takes a noticeable fraction of a second per call: hash once, reuse.
// Made by an earlier release with N=2^17 r=8 p=1, OWASP's first setting, for PASSWORD.
const OLD_SETTINGS_HASH =
  'scrypt$131072$8$1$R9SxUF5u4fO5kztfdNrmDA==$PyJQ9vZ2J/90b5gWMxmvwnS/O3iwiTb8vatwsQW5G0I=';

let stored: string;
beforeAll(async () => {
  stored = await hashPassword(PASSWORD);
});

describe('password hashing', () => {
  it('verifies the right password', async () => {
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
  });

  it('refuses a wrong password, even one differing by one letter or its case', async () => {
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
  });

  it('never contains the password, in plain text or base64', () => {
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(stored).not.toContain('horse');
  });

  it('is a salted scrypt hash: a second hash of the same password differs and also verifies', async () => {
    expect(stored).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    const second = await hashPassword(PASSWORD);
    expect(second).not.toBe(stored);
    expect(await verifyPassword(PASSWORD, second)).toBe(true);
  });

  it("uses one of OWASP's equal-strength scrypt settings, and says so in the hash", () => {
    const [, n, r, p] = stored.split('$').map(Number);
    expect([n, r, p]).toEqual([SCRYPT_PARAMS.N, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p]);
    // OWASP: N=2^17 r=8 p=1, or as strong: 2^16/8/2, 2^15/8/3, 2^14/8/5, 2^13/8/10 (work ~ N * p).
    expect(r).toBe(8);
    const owasp = new Map([
      [2 ** 17, 1],
      [2 ** 16, 2],
      [2 ** 15, 3],
      [2 ** 14, 5],
      [2 ** 13, 10],
    ]);
    expect(p).toBeGreaterThanOrEqual(owasp.get(n as number) ?? Infinity);
  });

  it('keeps verifying a hash made with other settings, which travel inside it', async () => {
    expect(await verifyPassword(PASSWORD, OLD_SETTINGS_HASH)).toBe(true);
    expect(await verifyPassword('Correct horse battery staple', OLD_SETTINGS_HASH)).toBe(false);
    const custom = await hashPassword(PASSWORD, { N: 2 ** 10, r: 8, p: 1 });
    expect(custom).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, custom)).toBe(true);
  });

  it('treats the composed and decomposed spelling of an accented password as the same', async () => {
    const composed = 'caf\u00e9-au-lait';
    const decomposed = 'cafe\u0301-au-lait';
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('refuses anything that is not a stored hash', async () => {
    expect(await verifyPassword(PASSWORD, '')).toBe(false);
    expect(await verifyPassword(PASSWORD, PASSWORD)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'bcrypt$1$2$3$c2FsdA==$aGFzaA==')).toBe(false);
    expect(await verifyPassword(PASSWORD, 'scrypt$131072$8$1$$')).toBe(false);
    // Damaged settings are a wrong password, not a crash nor gigabytes of memory.
    for (const settings of ['abc$8$1', '1000$8$1', `${2 ** 30}$8$1`, '16384$8$0', '16384$8$1000000']) {
      expect(await verifyPassword(PASSWORD, `scrypt$${settings}$c2FsdA==$aGFzaA==`), settings).toBe(false);
    }
  });
});
