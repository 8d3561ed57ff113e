import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** Ask for a password on the terminal without echoing it. Only for an interactive stdin. */
export async function promptPassword(question: string): Promise<string> {
  // Writes only the question: what is typed goes to a stream that drops it, so it never shows on screen.
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, (answer) => resolve(answer));
      muted = true;
    });
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
