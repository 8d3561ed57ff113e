import type { Command } from 'commander';

/** The options these flags leave on a command: `payee` is false after --no-payee; `tag` collects each --tag. */
export interface PayeeTagFlags {
  readonly payee?: string | boolean;
  readonly tag?: readonly string[];
  readonly tags?: string;
}

const collect = (value: string, previous: readonly string[] = []) => [...previous, value];

/**
 * --payee, --tag (repeatable) and --tags "a, b" on `add` and `edit`. On edit the tags given are the whole new
 * list (--tags "" clears it) and --no-payee clears the payee.
 */
export function payeeTagOptions(command: Command, edit: boolean): Command {
  command
    .option('--payee <name>', edit ? 'new payee' : 'who was paid, or who paid')
    .option(
      '--tag <tag>',
      edit ? 'a tag of the new list (repeat for more)' : 'a tag (repeat for more)',
      collect,
    )
    .option(
      '--tags <list>',
      edit ? 'the new tags, comma-separated ("" clears them)' : 'tags, comma-separated',
    );
  if (edit) command.option('--no-payee', 'clear the payee');
  return command;
}

/** The `payee` and `tags` fields these flags mean, for the input schemas to check; absent when not given. */
export function payeeTagInput(flags: PayeeTagFlags): { payee?: string | null; tags?: string[] } {
  const input: { payee?: string | null; tags?: string[] } = {};
  if (flags.payee === false) input.payee = null;
  else if (typeof flags.payee === 'string') input.payee = flags.payee;
  if (flags.tag !== undefined || flags.tags !== undefined) {
    const listed = (flags.tags ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    input.tags = [...(flags.tag ?? []), ...listed];
  }
  return input;
}

/** A row's tags in a table cell. */
export const tagsCell = (tags: readonly string[]): string => tags.join(', ');
