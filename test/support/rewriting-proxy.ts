import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP proxy on 127.0.0.1 that rewrites each request's path before passing it on, and lists them. */
export interface RewritingProxy {
  readonly url: string;
  /** `METHOD path` of every request passed on, as rewritten, in arrival order. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/**
 * In front of a hub, a device whose paths are rewritten from one protocol's to another's speaks that other
 * protocol as far as the hub can tell: a device of an older (or newer) protocol, for tests, made from this one.
 */
export async function startRewritingProxy(
  target: string,
  rewrite: (path: string) => string,
): Promise<RewritingProxy> {
  const to = new URL(target);
  const requests: string[] = [];
  const server = createServer((incoming, outgoing) => {
    const path = rewrite(incoming.url ?? '/');
    requests.push(`${incoming.method ?? 'GET'} ${path}`);
    const upstream = forward(
      {
        host: to.hostname,
        port: to.port,
        method: incoming.method,
        path,
        headers: { ...incoming.headers, host: to.host },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
