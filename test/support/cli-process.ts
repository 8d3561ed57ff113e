import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { PFM_NODE_ARGS, REPO, childEnv, type ProcessOptions } from './cli-runner.js';

/** `pfm` as a real process reading the first line of its output; ports for the unreachable-store cases. */

/**
 * Run `pfm` with its stdout read by a reader that goes away after the first line, as `pfm ... | head -1`.
 * Resolves with the exit code (null when killed by a signal), that first line, and stderr.
 */
export function pfmIntoHead(
  args: readonly string[],
  options: ProcessOptions = {},
): Promise<{ code: number | null; signal: string | null; firstLine: string; stderr: string }> {
  const child = spawn(process.execPath, [...PFM_NODE_ARGS, ...args], {
    cwd: options.cwd ?? REPO,
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  let firstLine = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    seen += chunk.toString('utf8');
    const end = seen.indexOf('\n');
    if (end >= 0 && firstLine === '') {
      firstLine = seen.slice(0, end);
      child.stdout.destroy(); // closes the read end of the pipe: the next write of pfm meets EPIPE
    }
  });
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, firstLine, stderr }));
  });
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Non-empty lines of a command's output. */
export const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');
