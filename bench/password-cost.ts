import { randomBytes } from 'node:crypto';
import { hashPassword, SCRYPT_PARAMS, verifyPassword, type ScryptParams } from '../src/domain/password.js';
import { measure, type Summary } from './stats.js';

/** OWASP's scrypt settings, all of one strength (work grows with N·r·p, memory with N·r). */
export const OWASP_SETTINGS: readonly ScryptParams[] = [
  { N: 2 ** 17, r: 8, p: 1 },
  { N: 2 ** 16, r: 8, p: 2 },
  { N: 2 ** 15, r: 8, p: 3 },
  { N: 2 ** 14, r: 8, p: 5 },
  { N: 2 ** 13, r: 8, p: 10 },
];

export interface PasswordCostRow {
  readonly params: ScryptParams;
  readonly chosen: boolean;
  /** Memory one hash needs: 128·N·r bytes. */
  readonly memoryMiB: number;
  /** One verifyPassword, which is one scrypt, as a sign-in costs. */
  readonly verify: Summary;
}

/** Times verifying a password under each OWASP setting, one after another on an idle event loop. */
export async function measurePasswordCost(runs: number): Promise<PasswordCostRow[]> {
  const rows: PasswordCostRow[] = [];
  for (const params of OWASP_SETTINGS) {
    const password = randomBytes(12).toString('base64');
    const stored = await hashPassword(password, params);
    const verify = await measure(runs, 1, async () => {
      if (!(await verifyPassword(password, stored))) throw new Error('the password did not verify');
    });
    rows.push({
      params,
      chosen: params.N === SCRYPT_PARAMS.N && params.r === SCRYPT_PARAMS.r && params.p === SCRYPT_PARAMS.p,
      memoryMiB: (128 * params.N * params.r) / 2 ** 20,
      verify,
    });
  }
  return rows;
}
