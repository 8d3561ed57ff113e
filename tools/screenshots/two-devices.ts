import type { Browser } from 'playwright-core';
import type { Server } from '../../test/support/browser.js';

/** One `pfm serve` of the demo user, and its signed-in browser state (cookies, the signed-in hint). */
export interface Device {
  readonly server: Server;
  readonly state: string;
}

/** The JSON API of a signed-in device, as its browser session sees it. */
async function deviceApi(browser: Browser, device: Device) {
  const context = await browser.newContext({ storageState: device.state });
  const request = context.request;
  const url = device.server.url;
  const session = (await (await request.get(`${url}/api/session`)).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': session.csrfToken };
  const ok = async (what: string, res: Awaited<ReturnType<typeof request.get>>) => {
    if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`);
    return res;
  };
  return {
    async sync(): Promise<void> {
      const res = await ok('sync', await request.post(`${url}/api/sync`, { data: {}, headers }));
      const text = await res.text();
      if (!text.includes('"Success"')) throw new Error(`the sync did not succeed: ${text.slice(-400)}`);
    },
    async latestExpense(): Promise<{ id: string; note: string }> {
      const res = await ok('expenses', await request.get(`${url}/api/expenses?limit=1&sort=date&order=desc`));
      const page = (await res.json()) as { items: { id: string; note: string }[] };
      if (!page.items[0]) throw new Error('the demo user has no expense');
      return page.items[0];
    },
    async editNote(id: string, note: string): Promise<void> {
      await ok('edit', await request.patch(`${url}/api/expenses/${id}`, { data: { note }, headers }));
    },
    close: () => context.close(),
  };
}

/** One sync of a device, through its API: the first device's sends the demo user to the central store. */
export async function syncDevice(browser: Browser, device: Device): Promise<void> {
  const api = await deviceApi(browser, device);
  try {
    await api.sync();
  } finally {
    await api.close();
  }
}

/**
 * Both devices change the note of the same expense, the second first: after both sync, the first device's edit
 * is kept everywhere and the second device lists its own as a conflict, as a person would meet one.
 */
export async function makeConflicts(browser: Browser, first: Device, second: Device): Promise<void> {
  const a = await deviceApi(browser, first);
  const b = await deviceApi(browser, second);
  try {
    await a.sync();
    await b.sync();
    const expense = await a.latestExpense();
    await b.editNote(expense.id, `${expense.note} (phone)`);
    await new Promise((r) => setTimeout(r, 20));
    await a.editNote(expense.id, `${expense.note}, shared with Sam`);
    await a.sync();
    await b.sync();
  } finally {
    await a.close();
    await b.close();
  }
}
