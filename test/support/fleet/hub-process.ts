import { spawn } from 'node:child_process';

/** A `pfm hub` process, as an admin starts it: its URL (from its first line), its process id, a clean stop. */
export interface HubProcess {
  readonly url: string;
  readonly pid: number;
  readonly stderr: () => string;
  /** SIGTERM, as a service manager stops it; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface HubProcessOptions {
  /** Node's arguments that run `pfm`: the built `bin/pfm.js`, or the source through tsx. */
  readonly pfm: readonly string[];
  /** Node's own options ahead of them (e.g. --cpu-prof). */
  readonly nodeOptions?: readonly string[];
  readonly central: string;
  /** `pfm hub`'s options (port, limits, log level). */
  readonly args: readonly string[];
  /** The hub machine's data folder (PFM_DATA); none: pfm's default under the working folder. */
  readonly dataDir?: string;
  /** The working folder (default this process's). */
  readonly cwd?: string;
}

export async function startHubProcess(options: HubProcessOptions): Promise<HubProcess> {
  const env = { ...process.env, PFM_DATA: options.dataDir, PFM_CENTRAL: undefined };
  const cwd = options.cwd ?? process.cwd();
  const hub = spawn(
    process.execPath,
    [...(options.nodeOptions ?? []), ...options.pfm, '--central', options.central, 'hub', ...options.args],
    { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  hub.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => hub.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL from pfm hub within 60 s: ${stderr}`)), 60_000);
    hub.on('exit', (code) => reject(new Error(`pfm hub exited (${code}): ${stderr}`)));
    hub.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /serving (https?:\/\/\S+)/.exec(stdout);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  }).catch((e: unknown) => {
    hub.kill('SIGKILL');
    throw e;
  });
  return {
    url,
    pid: hub.pid ?? 0,
    stderr: () => stderr,
    stop: () => {
      hub.kill('SIGTERM');
      return exited;
    },
  };
}
