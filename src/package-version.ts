import { readFileSync } from 'node:fs';

/**
 * pfm's version, from its package.json (shown by `pfm --version` and in the OpenAPI description). Kept apart
 * from the server: the command line reads it for every command.
 */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
