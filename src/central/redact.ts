/**
 * Credentials never reach a log, an error or `--json` output (DESIGN.md). These helpers are the one place
 * that removes them: every error a central store raises goes through `scrubSecrets`.
 */

const URL_CREDENTIALS = /^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i;

/** The URL with any password replaced by `***` (`postgres://me:***@host/db`); other text is returned as is. */
export function redactUrl(url: string): string {
  const m = URL_CREDENTIALS.exec(url);
  if (!m) return url.replace(/([?&](?:password|pass|pwd)=)[^&#]*/gi, '$1***');
  const userInfo = m[2] as string;
  const colon = userInfo.indexOf(':');
  const redacted = colon < 0 ? userInfo : `${userInfo.slice(0, colon)}:***`;
  return `${m[1]}${redacted}@${url.slice(m[0].length)}`.replace(
    /([?&](?:password|pass|pwd)=)[^&#]*/gi,
    '$1***',
  );
}

/** The password part of a URL's user info, decoded, or undefined. */
export function urlPassword(url: string): string | undefined {
  const userInfo = URL_CREDENTIALS.exec(url)?.[2];
  const colon = userInfo?.indexOf(':') ?? -1;
  if (!userInfo || colon < 0) return undefined;
  const raw = userInfo.slice(colon + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** `text` with every occurrence of each secret (raw and URL-encoded) and every URL password replaced by `***`. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s@/:]*:)[^\s@/]*@/gi, '$1***@');
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('***');
  }
  return out;
}
