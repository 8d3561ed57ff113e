import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of pfm's own package.json, found upwards from this module: the same answer from `src/` (tests),
 * from `dist/` (compiled) and from the bundled command line, whose modules sit at another depth.
 */
export function packageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isPfm(manifest)) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('pfm cannot find its own package.json');
    dir = parent;
  }
}

function isPfm(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'pfm';
  } catch {
    return false;
  }
}
