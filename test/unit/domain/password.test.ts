import { beforeAll, describe, it, expect } from 'vitest';
import { hashPassword, verifyPassword } from '../../../src/domain/password.js';

const PASSWORD = 'correct horse battery staple';

// scrypt at the OWASP work factor takes a noticeable fraction of a second per call: hash once, reuse.
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

  it('uses at least the OWASP scrypt work factor', () => {
    const [, n, r, p] = stored.split('$');
    expect(Number(n)).toBeGreaterThanOrEqual(2 ** 17);
    expect(Number(r)).toBeGreaterThanOrEqual(8);
    expect(Number(p)).toBeGreaterThanOrEqual(1);
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
  });
});
