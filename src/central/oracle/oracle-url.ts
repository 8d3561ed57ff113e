import { ValidationError } from '../../domain/validation.js';
import { redactUrl, urlPassword } from '../redact.js';

/** The parts of `oracle://user[:password]@host[:port]/service`, ready for node-oracledb. */
export interface OracleUrl {
  readonly user: string;
  /** Decoded; undefined when the URL has none (then the `password` option). */
  readonly password: string | undefined;
  readonly host: string;
  readonly port: number;
  readonly service: string;
  /** Easy Connect: `host:port/service`. */
  readonly connectString: string;
  /** The URL as it may be shown: any password replaced by `***`. */
  readonly redacted: string;
}

export const DEFAULT_ORACLE_PORT = 1521;

/** Parse an Oracle central URL; every error names the URL in its redacted form only. */
export function parseOracleUrl(url: string): OracleUrl {
  const redacted = redactUrl(url);
  const bad = (why: string) =>
    new ValidationError(
      'central',
      `"${redacted}" is not an Oracle URL (oracle://user@host:port/service): ${why}`,
    );
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw bad('it cannot be parsed');
  }
  if (parsed.protocol !== 'oracle:') throw bad('the scheme must be oracle://');
  if (parsed.search !== '' || parsed.hash !== '') throw bad('query parameters are not supported');
  const user = decode(parsed.username);
  if (user === '') throw bad('the user is missing');
  const host = parsed.hostname;
  if (host === '') throw bad('the host is missing');
  const port = parsed.port === '' ? DEFAULT_ORACLE_PORT : Number(parsed.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad('the port is not a port number');
  const service = decode(parsed.pathname.replace(/^\//, ''));
  if (service === '') throw bad('the service name is missing');
  if (!/^[A-Za-z0-9_.$#-]+$/.test(service))
    throw bad('the service name has characters a service cannot have');
  return {
    user,
    password: urlPassword(url),
    host,
    port,
    service,
    connectString: `${host}:${port}/${service}`,
    redacted,
  };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
