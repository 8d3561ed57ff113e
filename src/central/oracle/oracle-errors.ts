import { CentralError } from '../central-store.js';
import { scrubSecrets } from '../redact.js';
import { TRANSIENT_NETWORK_CODES } from '../network-errors.js';

/**
 * Oracle and node-oracledb errors as CentralErrors: `transient` when running the same thing again later may
 * well succeed (the connection broke, timed out or was refused, the instance is starting or stopping, a
 * deadlock or serialization victim), permanent otherwise (bad credentials, unknown service, constraint or
 * validation errors, bad SQL). Messages are scrubbed of the password and of URL credentials.
 */
const TRANSIENT_CODES = new Set([
  // Connection lost or broken: end-of-file on channel, not connected, lost contact, TNS closed/lost.
  'ORA-03113',
  'ORA-03114',
  'ORA-03135',
  'ORA-12537',
  'ORA-12547',
  'ORA-12570',
  'ORA-12571',
  'ORA-25408',
  // Cannot connect now: no listener, connect timeout, no handler available or listener blocking.
  'ORA-12541',
  'ORA-12170',
  'ORA-12516',
  'ORA-12519',
  'ORA-12520',
  'ORA-12528',
  // The instance is starting, stopping or unavailable.
  'ORA-01033',
  'ORA-01034',
  'ORA-01089',
  'ORA-01090',
  // The transaction can simply be run again: deadlock victim, serialization failure, lock wait timed out.
  'ORA-00060',
  'ORA-08177',
  'ORA-30006',
  // node-oracledb Thin: connection closed, lost contact, could not be established, timed out, refused,
  // end-of-file; no free pooled connection in time.
  'NJS-500',
  'NJS-501',
  'NJS-503',
  'NJS-510',
  'NJS-511',
  'NJS-521',
  'NJS-040',
  // Node network errors underneath.
  ...TRANSIENT_NETWORK_CODES,
]);

const TRANSIENT_MESSAGES =
  /connection reset|timed out|timeout|socket hang up|end-of-file on communication channel/i;
const CODE_IN_TEXT = /\b(?:ORA|NJS|DPI|TNS)-\d{3,5}\b/g;

/** The `ORA-nnnnn` of an Oracle error number. */
export function oraCode(errorNum: number): string {
  return `ORA-${String(errorNum).padStart(5, '0')}`;
}

/** Every error code an error carries: its `code`, its `errorNum`, codes in its message and in its cause. */
export function errorCodes(e: unknown): Set<string> {
  const codes = new Set<string>();
  const visit = (err: unknown, depth: number) => {
    if (err === null || typeof err !== 'object' || depth > 3) return;
    const { code, errorNum, message, cause } = err as {
      code?: unknown;
      errorNum?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string') codes.add(code);
    if (typeof errorNum === 'number' && errorNum > 0) codes.add(oraCode(errorNum));
    if (typeof message === 'string') for (const m of message.match(CODE_IN_TEXT) ?? []) codes.add(m);
    visit(cause, depth + 1);
  };
  visit(e, 0);
  return codes;
}

/** True when the error carries this Oracle code (`ORA-00001`), however the driver reported it. */
export function hasOracleCode(e: unknown, code: string): boolean {
  return errorCodes(e).has(code);
}

export function isTransientOracleError(e: unknown): boolean {
  if (e instanceof CentralError) return e.transient;
  for (const code of errorCodes(e)) if (TRANSIENT_CODES.has(code)) return true;
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' && TRANSIENT_MESSAGES.test(message);
}

/**
 * A driver error as a CentralError: message scrubbed (secrets, URL credentials), the primary code kept
 * (`code` as the driver gives it, else the ORA number), nothing else of the original (drivers attach
 * statements and binds to errors).
 */
export function toOracleCentralError(
  e: unknown,
  url: string,
  secrets: readonly (string | undefined)[],
): CentralError {
  if (e instanceof CentralError) return e;
  const err = e as { message?: unknown; code?: unknown; errorNum?: unknown } | null;
  const message = typeof err?.message === 'string' && err.message !== '' ? err.message : String(e);
  const code =
    typeof err?.code === 'string'
      ? err.code
      : typeof err?.errorNum === 'number' && err.errorNum > 0
        ? oraCode(err.errorNum)
        : undefined;
  const text = scrubSecrets(`central store ${url}: ${message.trim()}`, secrets);
  return new CentralError(text, code, isTransientOracleError(e));
}
