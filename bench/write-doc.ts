import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';

/** Write a generated Markdown file as the repository's formatter would (aligned tables), so lint passes. */
export async function writeMarkdown(path: string, markdown: string): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(markdown, { ...options, filepath: path }));
}
