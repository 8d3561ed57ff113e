// The resolve hook of module-log.mjs. It runs on the loader thread: each URL is appended at once, synchronously,
// so that nothing is lost when the process exits.
import { appendFileSync } from 'node:fs';

let file = '';

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(file, `${resolved.url}\n`);
  return resolved;
}
