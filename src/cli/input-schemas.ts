import type { z } from 'zod';
import { validate } from '../domain/validation.js';

type Schemas = typeof import('../domain/schemas.js');

/**
 * Check a command's input against a schema of domain/schemas.ts. The schemas (and zod, a tenth of a second to
 * load) are imported by the commands that read input only: `pfm user list` starts without them.
 */
export async function check<S extends z.ZodType>(
  pick: (schemas: Schemas) => S,
  input: unknown,
): Promise<z.output<S>> {
  return validate(pick(await import('../domain/schemas.js')), input);
}
