import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../src/cli/commands/demo-commands.js';
import { hashPassword } from '../src/domain/password.js';
import { createDemoData } from '../src/local/demo-data.js';
import { LocalStore } from '../src/local/local-store.js';
import { buildServer } from '../src/server/web/app.js';
import { sessionCookie } from '../test/support/api-server.js';

export interface SizeRow {
  readonly what: string;
  readonly raw: number;
  readonly gzip: number | null;
  readonly brotli: number | null;
}

const size = (path: string) => (existsSync(path) ? statSync(path).size : null);

/** The built UI's files as sent: as they are, and their gzip and brotli copies the build wrote. */
export function builtFileSizes(dist: string): SizeRow[] {
  const files = ['index.html', ...readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`)].filter(
    (f) => !/\.(?:br|gz|map)$/.test(f),
  );
  return files.map((f) => {
    const path = join(dist, f);
    return {
      what: f.replace(/-[\w-]{8}\./, '-HASH.'),
      raw: statSync(path).size,
      gzip: size(`${path}.gz`),
      brotli: size(`${path}.br`),
    };
  });
}

/** What the dashboard asks for at its first load, for `pfm demo`'s alice (12 months of data). */
export const DASHBOARD_GETS = (month: string) => [
  '/api/session',
  '/api/accounts',
  '/api/accounts?all=true',
  `/api/reports/monthly?month=${month}`,
  `/api/reports/categories?month=${month}&from=${month}-01&to=${month}-28`,
  `/api/reports/budgets?month=${month}`,
  `/api/reports/trend?month=${month}`,
  '/api/reports/goals',
  '/api/schedules/upcoming?days=30',
  '/api/schedules',
  '/api/categories',
  '/api/categories?includeDeleted=true',
  '/api/expenses?limit=6&sort=date&order=desc',
];

/** The JSON answers of the dashboard, added up: as they are, gzip and brotli as the server sends them. */
export async function dashboardAnswerSizes(): Promise<SizeRow> {
  const store = LocalStore.open({ path: ':memory:' });
  const app = await buildServer({ store, centralUrl: 'postgres://pfm@127.0.0.1:1/pfm', webRoot: null });
  try {
    createDemoData(store, { passwordHash: await hashPassword(DEMO_PASSWORD), months: 12 });
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: 'alice', password: DEMO_PASSWORD },
    });
    const cookie = sessionCookie(login);
    const month = store.now().toISOString().slice(0, 7);
    const total = { raw: 0, gzip: 0, brotli: 0 };
    for (const url of DASHBOARD_GETS(month)) {
      for (const [key, encoding] of [
        ['raw', 'identity'],
        ['gzip', 'gzip'],
        ['brotli', 'br'],
      ] as const) {
        const res = await app.inject({
          method: 'GET',
          url,
          headers: { cookie, 'accept-encoding': encoding },
        });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
        total[key] += res.rawPayload.length;
      }
    }
    return { what: `the dashboard's ${DASHBOARD_GETS(month).length} JSON answers (demo data)`, ...total };
  } finally {
    await app.close();
    store.close();
  }
}
