import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../src/domain/password.js';
import { LocalStore } from '../src/local/local-store.js';
import { UserRepository } from '../src/local/user-repository.js';
import { buildServer } from '../src/server/web/app.js';
import { measure, type Summary } from './stats.js';

export interface SignInCost {
  /** POST /api/users with signIn: one hash, as the web UI registers now. */
  readonly registerAndSignIn: Summary;
  /** POST /api/users then POST /api/session: a hash and then its check, as the web UI registered before. */
  readonly registerThenSignIn: Summary;
  /** POST /api/session of a user whose hash has the current settings. */
  readonly signIn: Summary;
  /** POST /api/session of a user whose hash was made with N=2^17 r=8 p=1, the settings before. */
  readonly signInOldHash: Summary;
}

const PASSWORD = 'bench password 1';
// Nothing listens on port 1: registration finds no central store to ask, as on a device used offline.
const OFFLINE_CENTRAL = 'postgres://pfm@127.0.0.1:1/pfm';

/** Server time of registering and signing in, through the API of a server in this process (no network). */
export async function measureSignIn(runs: number): Promise<SignInCost> {
  const store = LocalStore.open({ path: ':memory:' });
  const app = await buildServer({
    store,
    centralUrl: OFFLINE_CENTRAL,
    webRoot: null,
    registerPerMinute: 10_000,
    loginPerMinute: 10_000,
    loginLimit: { failures: 10_000, windowMs: 60_000 },
  });
  try {
    const users = new UserRepository(store);
    users.create({
      name: 'current',
      currency: 'EUR',
      locale: 'en-US',
      passwordHash: await hashPassword(PASSWORD),
    });
    const oldHash = await hashPassword(PASSWORD, { N: 2 ** 17, r: 8, p: 1 });
    users.create({ name: 'older', currency: 'EUR', locale: 'en-US', passwordHash: oldHash });
    let n = 0;
    return {
      registerAndSignIn: await measure(runs, 1, () =>
        call(app, '/api/users', { name: `new${n++}`, password: PASSWORD, signIn: true }, 201),
      ),
      registerThenSignIn: await measure(runs, 1, async () => {
        const name = `new${n++}`;
        await call(app, '/api/users', { name, password: PASSWORD }, 201);
        await call(app, '/api/session', { name, password: PASSWORD }, 200);
      }),
      signIn: await measure(runs, 1, () =>
        call(app, '/api/session', { name: 'current', password: PASSWORD }, 200),
      ),
      signInOldHash: await measure(runs, 1, () =>
        call(app, '/api/session', { name: 'older', password: PASSWORD }, 200),
      ),
    };
  } finally {
    await app.close();
    store.close();
  }
}

async function call(app: FastifyInstance, url: string, payload: object, status: number): Promise<void> {
  const res = await app.inject({ method: 'POST', url, payload });
  if (res.statusCode !== status) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
}
