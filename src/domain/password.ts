import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * One of OWASP's equal-strength scrypt settings (N=2^17 r=8 p=1, 2^16/8/2, 2^15/8/3, 2^14/8/5, 2^13/8/10). On
 * a 2-core server this one costs about 200 ms per hash, where N=2^17 p=1 costs about 450 ms: the small N fits
 * the CPU's caches better, and each hash needs 16 MiB instead of 128 MiB, so parallel log-ins do not exhaust
 * memory. docs/benchmarks.md has the measurements (`npm run bench:web`).
 */
export const SCRYPT_PARAMS = { N: 2 ** 14, r: 8, p: 5 } as const;
const KEY_LENGTH = 32;
// Room for hashes made with older, larger settings (N=2^17 r=8 needs 128 MiB): they keep verifying.
const MAX_MEMORY = 256 * 1024 * 1024;

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64: the parameters travel with the hash so they can change later. */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether `password` is the one `stored` was made from, with the parameters `stored` names. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!usable(params)) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), params);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Parameters scrypt accepts within MAX_MEMORY: a damaged or hostile hash string is a wrong password, not a crash. */
function usable({ N, r, p }: ScryptParams): boolean {
  const whole = [N, r, p].every((x) => Number.isSafeInteger(x) && x >= 1);
  return whole && N >= 2 && (N & (N - 1)) === 0 && 128 * N * r <= MAX_MEMORY / 2 && p <= 64;
}
