import type { ChildProcess } from 'node:child_process';
import { PFM_BIN, type ProcessRunner } from './process-run.js';

/** One `pfm serve` of a demo device: its "Sync now" timed through the HTTP API, as the web UI calls it. */
export interface WebSyncSample {
  /** POST /api/session as a demo user whose device already has them. */
  readonly loginMs: number;
  /** The user's first sync (everything to push), request to the stream's end. */
  readonly firstMs: number;
  /** Syncs right after it, with nothing to do. */
  readonly noopMs: readonly number[];
  /** Peak RSS of the server process over all of it. */
  readonly rssMB: number;
}

/** Start `pfm serve` in `cwd` (its default data folder and central store), on a free port. */
export async function webSyncRun(
  runner: ProcessRunner,
  cwd: string,
  user: string,
  password: string,
  noops: number,
): Promise<WebSyncSample> {
  const server = runner.start([PFM_BIN, 'serve', '--port', '0', '--json'], cwd);
  try {
    const base = await listeningUrl(server.child);
    const t0 = performance.now();
    const login = await fetch(new URL('api/session', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: user, password }),
    });
    const { csrfToken } = (await ok(login).json()) as { csrfToken: string };
    const loginMs = performance.now() - t0;
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    // POST /api/sync answers a server-sent event stream that ends with `event: done` when the sync has
    // finished: the web UI's "Sync now" waits for that event, so the timing runs to the stream's end.
    const syncNow = async (): Promise<number> => {
      const start = performance.now();
      const res = await fetch(new URL('api/sync', base), {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken },
      });
      const text = await ok(res).text();
      const ms = performance.now() - start;
      const done = /event: done\ndata: (.*)\n/.exec(text)?.[1];
      const status = done ? (JSON.parse(done) as { status?: string; message?: string }) : undefined;
      if (status?.status !== 'Success') throw new Error(`web sync did not succeed: ${done ?? text}`);
      return ms;
    };
    const firstMs = await syncNow();
    const noopMs: number[] = [];
    for (let i = 0; i < noops; i++) noopMs.push(await syncNow());
    return { loginMs, firstMs, noopMs, rssMB: await server.stop() };
  } catch (e) {
    server.child.kill('SIGKILL');
    throw e;
  }
}

function ok(res: Response): Response {
  if (!res.ok) throw new Error(`${res.url}: HTTP ${res.status}`);
  return res;
}

/** The URL `pfm serve --json` prints once it listens. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`pfm serve printed no URL within 30 s: ${out}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /"url":\s*"([^"]+)"/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pfm serve exited with ${code} before listening`));
    });
  });
}
