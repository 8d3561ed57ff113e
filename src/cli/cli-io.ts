/** The process around a command, passed in so tests can run the CLI in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** All of standard input (for --password-stdin). */
  readonly readStdin: () => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
  /** True when stderr is a terminal: progress bars only then. */
  readonly interactive: boolean;
}

export function processIo(): CliIo {
  // A reader that went away (`pfm sync | head -1`) must not kill the command mid-way: its EPIPE is ignored
  // and later output dropped, so a sync still finishes (and its file log is still written).
  let stdoutGone = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
    stdoutGone = true;
  });
  return {
    stdout: (text) => {
      if (!stdoutGone) process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
    now: () => new Date(),
    interactive: process.stderr.isTTY === true,
  };
}
