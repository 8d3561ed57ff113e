/**
 * At most `concurrency` tasks at once, at most `queue` more waiting; beyond that `run` refuses at once. For work
 * that costs a lot of memory each (a log-in's scrypt takes 128 MiB): many at once would exhaust the machine.
 */
export class WorkGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
  ) {}

  /** Run `fn` when a slot is free; null (without running it) when the queue is full. */
  async run<T>(fn: () => Promise<T>): Promise<T | null> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue) return null;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
