/**
 * What the browser tests need: the built web UI, `pfm serve` processes on their own data folders, and Debian's
 * Chromium driven by playwright-core (never a downloaded browser).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env.PFM_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null when they can. In CI a missing browser is a failure. */
export function skipReason(): string | null {
  if (existsSync(CHROMIUM)) return null;
  if (process.env.CI === 'true') return null; // let the launch fail loudly
  return `${CHROMIUM} is missing (install Debian's chromium package: apt-get install -y chromium)`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Builds web/dist when it is missing or older than the sources (the server serves whatever is there). */
export function ensureWebBuilt(): void {
  const index = join(ROOT, 'web', 'dist', 'index.html');
  const sources = [
    join(ROOT, 'web', 'src'),
    join(ROOT, 'web', 'index.html'),
    join(ROOT, 'web', 'vite.config.ts'),
  ];
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts'],
    {
      cwd: ROOT,
      stdio: 'pipe',
      // vitest sets NODE_ENV=test, which vite would keep: React's development build, 70 % larger and slower.
      // The tests drive what `npm run build:web` makes.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}

export interface Server {
  readonly url: string;
  readonly dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

/** `pfm --data DIR --central URL serve --port 0`, resolved once it prints the address it listens on. */
export async function startServer(dataDir: string, central: string): Promise<Server> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/run.ts', '--data', dataDir, '--central', central, 'serve', '--port', '0'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pfm serve did not start within 60 s:\n${log}`)), 60_000);
    const check = () => {
      const m = /https?:\/\/[^\s/]+:\d+\//.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[0].replace(/\/$/, ''));
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pfm serve exited with ${code}:\n${log}`));
    });
  });
  return {
    url,
    dataDir,
    output: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs the pfm command line (for set-up steps the web UI does not offer). */
export function pfm(args: readonly string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Registers (or signs in) through the login page and waits for the dashboard. */
export async function signIn(
  page: Page,
  url: string,
  name: string,
  password: string,
  register = false,
): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByTestId('login-form').waitFor();
  if (register) {
    await page.getByTestId('tab-register').click();
    await page.getByTestId('register-form').waitFor();
  }
  await page.getByTestId('auth-name').fill(name);
  await page.getByTestId('auth-password').fill(password);
  await page.getByTestId('auth-submit').click();
  await page.getByTestId('page-dashboard').waitFor({ timeout: 150_000 });
}

/** The JSON API as the signed-in page sees it (same cookies), with the CSRF token on writes. */
export async function apiClient(page: Page, url: string) {
  const session = (await (await page.request.get(`${url}/api/session`)).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': session.csrfToken };
  return {
    async post(path: string, data: unknown): Promise<unknown> {
      const res = await page.request.post(`${url}${path}`, { data, headers });
      if (!res.ok()) throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`);
      return res.json();
    },
    async get(path: string): Promise<unknown> {
      const res = await page.request.get(`${url}${path}`);
      if (!res.ok()) throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`);
      return res.json();
    },
    async patch(path: string, data: unknown): Promise<unknown> {
      const res = await page.request.patch(`${url}${path}`, { data, headers });
      if (!res.ok()) throw new Error(`PATCH ${path}: ${res.status()} ${await res.text()}`);
      return res.json();
    },
  };
}

/** A browser and a `pfm serve` on a fresh temporary folder: what each browser test file starts from. */
export interface BrowserWorld {
  readonly browser: Browser;
  readonly server: Server;
  /** Closes the browser, stops the server and removes the folder. */
  close(): Promise<void>;
}

export async function openBrowserWorld(prefix: string): Promise<BrowserWorld> {
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const [browser, server] = await Promise.all([
    launchBrowser(),
    startServer(join(dir, 'device'), `sqlite:${join(dir, 'central.db')}`),
  ]);
  return {
    browser,
    server,
    async close() {
      await browser.close().catch(() => undefined);
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser and `pfm serve` devices sharing one central store, the first holding the demo data (`pfm demo`). */
export interface DemoWorld {
  readonly browser: Browser;
  /** The devices' servers; the first has the demo users, the others start empty. */
  readonly servers: readonly Server[];
  /** The temporary folder everything lives in, removed by `close`. */
  readonly dir: string;
  close(): Promise<void>;
}

export async function openDemoWorld(prefix: string, devices = 1): Promise<DemoWorld> {
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const central = `sqlite:${join(dir, 'central.db')}`;
  pfm(['--data', join(dir, 'device-0'), '--central', central, 'demo']);
  const [browser, ...servers] = await Promise.all([
    launchBrowser(),
    ...Array.from({ length: devices }, (_, i) => startServer(join(dir, `device-${i}`), central)),
  ]);
  return {
    browser,
    servers,
    dir,
    async close() {
      await browser.close().catch(() => undefined);
      await Promise.all(servers.map((s) => s.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
