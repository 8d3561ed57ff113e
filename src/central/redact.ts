/**
 * Credentials never reach a log, an error or `--json` output (docs/architecture.md). These helpers are the
 * one place that removes them: every error a central store raises goes through `scrubSecrets`, every URL
 * shown goes through `redactUrl`, and the command line scrubs everything it prints with `urlSecrets` of its
 * URL.
 *
 * Drivers accept more than `scheme://user:password@host`: `postgres:user:password@host/db` (no `//`),
 * `?password=`/`&sslpassword=` parameters, libpq key=value strings (`host=h password='p w'`) and Oracle's
 * `user/password@host:port/service`. Each form is recognised here.
 */

const URL_CREDENTIALS = /^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i;
// The database schemes, written without `//`: `postgres:user:pw@host` or `postgres:pw@host`.
const OPAQUE_CREDENTIALS = /^((?:postgres|postgresql|oracle|pglite):)(?!\/\/)([^@\s]*)@/i;
// `user/password@host` (Oracle Easy Connect as SQL*Plus writes it).
const EASY_CONNECT = /^([^\s/:@]+)\/([^\s@]+)@/;
const PASSWORD_KEYS = '(?:ssl)?password|pass|passwd|pwd';
const QUERY_PASSWORD = new RegExp(`([?&;](?:${PASSWORD_KEYS})=)([^&#\\s]*)`, 'gi');
// key=value strings: `password=pw`, `password = 'p w'`, `PASSWORD="pw"`.
const KEY_VALUE_PASSWORD = new RegExp(
  `(\\b(?:${PASSWORD_KEYS})\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|"(?:[^"\\\\]|\\\\.)*"|[^\\s&;,)'"]*)`,
  'gi',
);

/** The URL with any password replaced by `***` (`postgres://me:***@host/db`); other text is returned as is. */
export function redactUrl(url: string): string {
  return redactPasswordParameters(redactUserInfo(url));
}

function redactUserInfo(url: string): string {
  const m = URL_CREDENTIALS.exec(url);
  if (m) {
    const userInfo = m[2] as string;
    const colon = userInfo.indexOf(':');
    const redacted = colon < 0 ? userInfo : `${userInfo.slice(0, colon)}:***`;
    return `${m[1]}${redacted}@${url.slice(m[0].length)}`;
  }
  const opaque = OPAQUE_CREDENTIALS.exec(url);
  if (opaque) {
    // Without `//` a lone word before `@` may be the password itself: keep only a user before a colon.
    const userInfo = opaque[2] as string;
    const colon = userInfo.indexOf(':');
    const shown = colon < 0 ? '***' : `${userInfo.slice(0, colon)}:***`;
    return `${opaque[1]}${shown}@${url.slice(opaque[0].length)}`;
  }
  const easy = EASY_CONNECT.exec(url);
  if (easy) return `${easy[1]}/***@${url.slice(easy[0].length)}`;
  return url;
}

function redactPasswordParameters(text: string): string {
  return text.replace(QUERY_PASSWORD, '$1***').replace(KEY_VALUE_PASSWORD, '$1***');
}

/** The password part of a `scheme://` URL's user info, decoded, or undefined. */
export function urlPassword(url: string): string | undefined {
  const userInfo = URL_CREDENTIALS.exec(url)?.[2];
  const colon = userInfo?.indexOf(':') ?? -1;
  if (!userInfo || colon < 0) return undefined;
  return decoded(userInfo.slice(colon + 1));
}

/**
 * Every string in a central URL (or connection string) that may be a secret, raw and decoded: the user info's
 * password, the whole user info of a `scheme:` URL without `//`, password parameters and key=value values.
 */
export function urlSecrets(url: string): string[] {
  const found: string[] = [];
  const add = (raw: string | undefined) => {
    if (!raw) return;
    const unquoted = /^(['"])(.*)\1$/.exec(raw)?.[2] ?? raw;
    for (const s of [raw, unquoted, decoded(unquoted)]) if (s !== '' && !found.includes(s)) found.push(s);
  };
  const userInfo = URL_CREDENTIALS.exec(url)?.[2];
  if (userInfo?.includes(':')) add(userInfo.slice(userInfo.indexOf(':') + 1));
  const opaque = OPAQUE_CREDENTIALS.exec(url)?.[2];
  if (opaque) add(opaque.includes(':') ? opaque.slice(opaque.indexOf(':') + 1) : opaque);
  add(EASY_CONNECT.exec(url)?.[2]);
  for (const m of url.matchAll(QUERY_PASSWORD)) add(m[2]);
  for (const m of url.matchAll(KEY_VALUE_PASSWORD)) add(m[2]);
  return found;
}

/**
 * `text` with every occurrence of each secret (raw and URL-encoded) replaced by `***`, and every password a
 * URL or connection string in it carries.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  const out = text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^\s@/:]*:)[^\s@/]*@/gi, '$1***@')
    .replace(/\b((?:postgres|postgresql|oracle):)(?!\/\/)(?:([^\s@/:]*):)?[^\s@/]*@/gi, (_m, scheme, user) =>
      user === undefined ? `${scheme}***@` : `${scheme}${user}:***@`,
    );
  return replaceSecrets(redactPasswordParameters(out), secrets);
}

/** `text` with every occurrence of each secret, raw and URL-encoded, replaced by `***` (nothing else). */
export function replaceSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  // Longest first: a secret containing another is replaced whole.
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join('***');
  return out;
}

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
