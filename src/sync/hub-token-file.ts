import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A device token as this device keeps it, for one user at one hub. */
export interface StoredHubToken {
  readonly token: string;
  readonly tokenId: string;
  readonly deviceId: string;
  readonly createdAt: string;
}

interface TokenFileContent {
  readonly version: 1;
  readonly tokens: Readonly<Record<string, StoredHubToken>>;
}

/** One hub has one key whatever the spelling of its URL: scheme, host and port, path without trailing slash. */
export function hubKey(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

/** An http(s):// central URL names a hub; anything else names a central database. */
export function isHubUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/**
 * The device tokens of this device (`DATA/hub-tokens.json`), per hub and user. The file is created with mode
 * 0600 and replaced atomically, so a crash never leaves half a file and other local users cannot read it.
 */
export class HubTokenFile {
  constructor(readonly path: string) {}

  get(hubUrl: string, userId: string): StoredHubToken | null {
    return this.read().tokens[`${hubKey(hubUrl)} ${userId}`] ?? null;
  }

  set(hubUrl: string, userId: string, token: StoredHubToken): void {
    const content = this.read();
    this.write({ version: 1, tokens: { ...content.tokens, [`${hubKey(hubUrl)} ${userId}`]: token } });
  }

  /** Forget the token of a user at a hub; true when there was one. */
  remove(hubUrl: string, userId: string): boolean {
    const key = `${hubKey(hubUrl)} ${userId}`;
    const { [key]: gone, ...rest } = this.read().tokens;
    if (!gone) return false;
    this.write({ version: 1, tokens: rest });
    return true;
  }

  private read(): TokenFileContent {
    if (!existsSync(this.path)) return { version: 1, tokens: {} };
    let parsed: Partial<TokenFileContent>;
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<TokenFileContent>;
    } catch {
      // Never the parser's message: it quotes the file, tokens included.
      throw new Error(`the hub token file ${this.path} is damaged: delete it and run pfm login again`);
    }
    return { version: 1, tokens: parsed.tokens ?? {} };
  }

  private write(content: TokenFileContent): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600); // the mode of writeFileSync is masked by the umask
    renameSync(temp, this.path);
  }
}
