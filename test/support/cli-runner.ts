import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { main } from '../../src/cli/main.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
// By its full path: a child run in another folder (cwd) would not find the package.
const TSX = import.meta.resolve('tsx');
/** The arguments that run `pfm` from source with node, from any working folder. */
export const PFM_NODE_ARGS = ['--import', TSX, join(REPO, 'src/cli/run.ts')] as const;

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fresh device folder under the system temp dir, removed by `dispose`. */
export function tempDataDir(): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pfm-cli-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run the CLI in this process (fast), with captured output and a fixed clock. */
export async function runCli(
  args: readonly string[],
  options: { now?: Date; stdin?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => options.stdin ?? '',
    env: options.env ?? {},
    now: () => options.now ?? new Date('2026-11-20T12:00:00Z'),
    interactive: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

export interface ProcessOptions {
  /** Working directory (default: the repository). */
  readonly cwd?: string;
  /** Added to the environment, after the PFM_* variables of the test process are removed. */
  readonly env?: Record<string, string>;
  /** Standard input. */
  readonly input?: string;
  readonly timeout?: number;
  readonly uid?: number;
  readonly gid?: number;
}

/** The environment of a `pfm` child: this process's, without its PFM_* settings, plus `extra`. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PFM_DATA: undefined,
    PFM_CENTRAL: undefined,
    PFM_CENTRAL_PASSWORD: undefined,
    ...extra,
  };
}

/** The repository folder: the default working directory of a `pfm` child. */
export { REPO };

/** Run `pfm` as a real process (source through tsx) to the end, as a script or a person would. */
export function pfmProcess(args: readonly string[], options: ProcessOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [...PFM_NODE_ARGS, ...args], {
    encoding: 'utf8',
    input: options.input,
    env: childEnv(options.env),
    timeout: options.timeout,
    cwd: options.cwd ?? REPO,
    uid: options.uid,
    gid: options.gid,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `pfmProcess` without blocking this process: for a `pfm` child that talks to a server this test process runs
 * (a proxy, a hub), which a blocked event loop could not answer.
 */
export function pfmChild(args: readonly string[], options: ProcessOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...PFM_NODE_ARGS, ...args], {
      env: childEnv(options.env),
      timeout: options.timeout,
      cwd: options.cwd ?? REPO,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** `pfm` on one device folder, and its --json form, which must succeed with nothing on stderr. */
export function cliOn(dir: () => string): {
  pfm: (...args: string[]) => Promise<CliResult>;
  pfmJson: <T>(...args: string[]) => Promise<T>;
} {
  return {
    pfm: (...args) => runCli(['--data', dir(), ...args]),
    async pfmJson<T>(...args: string[]): Promise<T> {
      const r = await runCli(['--data', dir(), '--json', ...args]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as T;
    },
  };
}
