import { SingleBar, Presets } from 'cli-progress';
import type { CliIo } from './cli-io.js';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A progress bar on stderr when it is a terminal (and not --json); silent otherwise, so scripts see no noise. */
export function progressBar(io: CliIo, label: string, enabled: boolean): Progress {
  if (!enabled || !io.interactive) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
