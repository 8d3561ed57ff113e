import type { Command } from 'commander';
import { CliContext, type GlobalOptions } from './cli-context.js';
import type { CliIo } from './cli-io.js';

/**
 * Wrap a command's action: open the device store (which creates or migrates it), run, always close.
 * Commander passes (args..., options, command); the action gets the context, the positional args and options.
 */
export function action<O>(
  io: CliIo,
  fn: (ctx: CliContext, args: string[], options: O) => Promise<void> | void,
): (...params: unknown[]) => Promise<void> {
  return async (...params: unknown[]) => {
    const command = params[params.length - 1] as Command;
    // Parent commands' options too: `sync log --user U` may see --user claimed by `sync` itself.
    const options = { ...command.optsWithGlobals(), ...(params[params.length - 2] as object) } as O;
    const args = params.slice(0, -2) as string[];
    const ctx = CliContext.open(command.optsWithGlobals<GlobalOptions>(), io);
    try {
      await fn(ctx, args, options);
    } finally {
      ctx.close();
    }
  };
}

/** Print a result: JSON for --json, else the human text. */
export function emit(ctx: CliContext, value: unknown, human: () => string): void {
  ctx.io.stdout(ctx.json ? `${JSON.stringify(value, null, 2)}\n` : human());
}
