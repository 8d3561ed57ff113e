import { z } from 'zod';
import { COLUMN_ROLES, type ColumnRole } from './csv-columns.js';
import { parseDateOrder } from './date-formats.js';
import type { ReadOptions } from './statement-reader.js';

// Names for delimiters that are awkward to type in a shell.
const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  comma: ',',
  semicolon: ';',
  tab: '\t',
  '\\t': '\t',
  pipe: '|',
};

const column = z.string().trim().min(1, { error: 'a column is a header name or a 1-based number' }).max(100);

/**
 * How the user wants a statement read, as the CLI flags and the API body give it: the same checks and the
 * same messages for both. Everything is optional; detection fills in the rest.
 */
export const importOptionsInput = z
  .object({
    format: z.enum(['csv', 'ofx'], { error: 'format must be csv or ofx' }).optional(),
    dateFormat: z
      .string()
      .transform((text, ctx) => {
        try {
          return parseDateOrder(text);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message });
          return z.NEVER;
        }
      })
      .optional(),
    decimal: z.enum(['.', ','], { error: 'decimal must be "." or ","' }).optional(),
    delimiter: z
      .string()
      .transform((text, ctx) => {
        const d = DELIMITER_NAMES[text.toLowerCase()] ?? text;
        if (d.length !== 1 || /[\w"\r\n ]/.test(d)) {
          ctx.addIssue({ code: 'custom', message: 'delimiter must be one character such as , ; | or "tab"' });
          return z.NEVER;
        }
        return d;
      })
      .optional(),
    columns: z
      .object(
        Object.fromEntries(COLUMN_ROLES.map((r) => [r, column.optional()])) as Record<
          ColumnRole,
          z.ZodOptional<typeof column>
        >,
      )
      .strict()
      .optional(),
    invert: z.boolean({ error: 'invert must be true or false' }).optional(),
    account: z.string().trim().max(80, { error: 'account must be at most 80 characters' }).optional(),
  })
  .strict();

export type ImportOptionsInput = z.input<typeof importOptionsInput>;

/** The parser options of validated input (currency and file name come from the caller). */
export function toReadOptions(
  input: z.output<typeof importOptionsInput>,
): Omit<ReadOptions, 'currency' | 'fileName'> {
  const columns = Object.fromEntries(Object.entries(input.columns ?? {}).filter(([, v]) => v !== undefined));
  return {
    ...(input.format && { format: input.format }),
    ...(input.dateFormat && { dateOrder: input.dateFormat }),
    ...(input.decimal && { decimal: input.decimal }),
    ...(input.delimiter && { delimiter: input.delimiter }),
    ...(Object.keys(columns).length > 0 && { columns }),
    ...(input.invert !== undefined && { invert: input.invert }),
    ...(input.account && { account: input.account }),
  };
}
