import { createServer, connect, type Server, type Socket } from 'node:net';

/** Which way bytes flow through the proxy. */
export type Direction = 'client-to-server' | 'server-to-client';

/** A planned cut: after `bytes` more bytes have gone one way (summed over every connection), cut them all. */
export interface CutPlan {
  readonly direction: Direction;
  readonly bytes: number;
  /** Stay down after the cut (new connections are reset at once) until `up()` is called. */
  readonly thenDown?: boolean;
  /** How the sockets die: a TCP reset (ECONNRESET on the client) or a plain close (default 'reset'). */
  readonly how?: 'reset' | 'close';
}

export interface ProxyStats {
  /** Bytes forwarded client → server and server → client since the proxy started. */
  readonly up: number;
  readonly down: number;
  readonly connections: number;
  /** Connections accepted and reset at once because the proxy was down. */
  readonly refused: number;
  /** How many times every connection was cut. */
  readonly cuts: number;
}

interface Pair {
  readonly client: Socket;
  readonly server: Socket;
}

/**
 * A small TCP proxy on 127.0.0.1:<random port> in front of one server, for fault tests: it can cut every
 * open connection after N bytes forwarded one way (or at once), and while "down" it resets every new
 * connection as soon as it is accepted. The cut is exact: the chunk that crosses the limit is forwarded only
 * up to the limit, so a cut can land in the middle of a protocol message.
 */
export class TcpProxy {
  private readonly pairs = new Set<Pair>();
  /** Pairs already cut whose sockets are about to be destroyed: nothing more is forwarded on them. */
  private readonly dying = new WeakSet<Pair>();
  private plan: (CutPlan & { remaining: number }) | null = null;
  private isDown = false;
  private stat = { up: 0, down: 0, connections: 0, refused: 0, cuts: 0 };

  /** Called (synchronously) each time connections are cut, e.g. to note what the client was doing. */
  onCut: (() => void) | null = null;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    let proxy: TcpProxy | null = null;
    const server = createServer({ noDelay: true }, (client) => proxy?.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy: no TCP address');
    proxy = new TcpProxy(server, address.port, target);
    return proxy;
  }

  get stats(): ProxyStats {
    return { ...this.stat };
  }

  get down(): boolean {
    return this.isDown;
  }

  /** Open connections right now. */
  get open(): number {
    return this.pairs.size;
  }

  /** Arm a cut (replacing any armed one). */
  cutAfter(plan: CutPlan): void {
    if (!Number.isInteger(plan.bytes) || plan.bytes < 0) throw new Error('proxy: bytes must be >= 0');
    this.plan = { ...plan, remaining: plan.bytes };
  }

  /** Whether an armed cut has not fired yet. */
  get armed(): boolean {
    return this.plan !== null;
  }

  disarm(): void {
    this.plan = null;
  }

  /** Cut every open connection now; with `thenDown`, also refuse new ones until `up()`. */
  cutNow(options: { thenDown?: boolean; how?: 'reset' | 'close' } = {}): void {
    this.plan = null;
    if (options.thenDown) this.isDown = true;
    this.stat.cuts++;
    for (const pair of [...this.pairs]) this.kill(pair, options.how ?? 'reset');
    this.onCut?.();
  }

  /** Refuse new connections (reset on accept) and cut the open ones. */
  goDown(): void {
    this.cutNow({ thenDown: true });
  }

  /** Healthy again: accept and forward new connections. */
  up(): void {
    this.isDown = false;
  }

  async close(): Promise<void> {
    this.plan = null;
    for (const pair of [...this.pairs]) this.kill(pair, 'close');
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    if (this.isDown) {
      this.stat.refused++;
      client.resetAndDestroy();
      return;
    }
    this.stat.connections++;
    client.setNoDelay(true);
    client.pause();
    const server = connect({ host: this.target.host, port: this.target.port, noDelay: true });
    server.on('error', () => undefined);
    const pair: Pair = { client, server };
    this.pairs.add(pair);
    const drop = () => {
      if (!this.pairs.delete(pair)) return;
      client.destroy();
      server.destroy();
    };
    client.on('close', drop);
    server.on('close', drop);
    server.on('connect', () => client.resume());
    client.on('data', (chunk: Buffer) => this.forward(pair, 'client-to-server', chunk));
    server.on('data', (chunk: Buffer) => this.forward(pair, 'server-to-client', chunk));
  }

  private forward(pair: Pair, direction: Direction, chunk: Buffer): void {
    if (!this.pairs.has(pair) || this.dying.has(pair)) return;
    const to = direction === 'client-to-server' ? pair.server : pair.client;
    const plan = this.plan;
    if (plan && plan.direction === direction && chunk.length >= plan.remaining) {
      const head = chunk.subarray(0, plan.remaining);
      if (head.length > 0) {
        this.count(direction, head.length);
        to.write(head);
      }
      // Let the partial chunk leave before the sockets die, then cut everything.
      const how = plan.how ?? 'reset';
      const thenDown = plan.thenDown === true;
      this.plan = null;
      if (thenDown) this.isDown = true;
      this.stat.cuts++;
      this.onCut?.();
      // Nothing more flows on any of them; they die once the partial chunk has been handed to the kernel.
      const victims = [...this.pairs];
      for (const p of victims) {
        this.dying.add(p);
        p.client.pause();
        p.server.pause();
      }
      setImmediate(() => {
        for (const p of victims) this.kill(p, how);
      });
      return;
    }
    if (plan && plan.direction === direction) plan.remaining -= chunk.length;
    this.count(direction, chunk.length);
    to.write(chunk);
  }

  private count(direction: Direction, n: number): void {
    if (direction === 'client-to-server') this.stat.up += n;
    else this.stat.down += n;
  }

  private kill(pair: Pair, how: 'reset' | 'close'): void {
    if (!this.pairs.delete(pair)) return;
    if (how === 'reset') {
      pair.client.resetAndDestroy();
      pair.server.resetAndDestroy();
    } else {
      pair.client.destroy();
      pair.server.destroy();
    }
  }
}
