import type { FastifyRequest } from 'fastify';
import { HttpError } from './http-errors.js';

/** A Host header value as a lower-case name (IPv6 addresses in brackets) and its port, null when it has none. */
export interface HostName {
  readonly name: string;
  readonly port: number | null;
}

/** `NAME`, `NAME:PORT`, `[IPv6]` or `[IPv6]:PORT`; null when the value is none of these. */
export function parseHost(value: string): HostName | null {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_.])?)(?::(\d{1,5}))?$/.exec(
    value.trim().toLowerCase(),
  );
  if (!m) return null;
  const port = m[2] === undefined ? null : Number(m[2]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { name: m[1] as string, port };
}

export interface HostCheckOptions {
  /** The address listened on (--host): answered to at the listening port, as the loopback names are. */
  readonly listenHost?: string;
  /** Further names (--allowed-host NAME[:PORT]); one given without a port is answered to at any port. */
  readonly allowedHosts?: readonly string[];
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Against DNS rebinding: a web page on another site whose name is made to resolve to this machine reaches the
 * server with that site's name in Host, so every request whose Host (and, behind a trusted proxy, the
 * X-Forwarded-Host it sends) is not a name this server answers to is refused with 421.
 */
export function hostChecker(options: HostCheckOptions): (request: FastifyRequest) => void {
  const listen = options.listenHost?.toLowerCase();
  const atListeningPort = new Set(LOOPBACK_NAMES);
  // `--host ::1` is an address; in a Host header it stands in brackets.
  if (listen) atListeningPort.add(listen.includes(':') && !listen.startsWith('[') ? `[${listen}]` : listen);
  const extra = (options.allowedHosts ?? []).map((value) => {
    const host = parseHost(value);
    if (!host) throw new Error(`not a host name, NAME or NAME:PORT: ${value}`);
    return host;
  });

  const allowed = (value: string, request: FastifyRequest): boolean => {
    const host = parseHost(value);
    if (!host) return false;
    if (extra.some((h) => h.name === host.name && (h.port === null || h.port === host.port))) return true;
    if (!atListeningPort.has(host.name)) return false;
    // In-process injection (tests) has no socket, hence no port to compare with.
    const local = request.raw.socket?.localPort;
    if (typeof local !== 'number') return true;
    return (host.port ?? (request.protocol === 'https' ? 443 : 80)) === local;
  };

  return (request) => {
    // request.host is X-Forwarded-Host when a trusted proxy sent one; the Host header itself is checked too.
    const sent = new Set([request.headers.host ?? '', request.host]);
    for (const value of sent) {
      if (!allowed(value, request)) {
        throw new HttpError(
          421,
          `this server does not answer to the host name "${value.slice(0, 100)}"; ` +
            'to reach it under that name, start pfm serve with --allowed-host NAME',
          'host',
        );
      }
    }
  };
}
