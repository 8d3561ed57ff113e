import type { z } from 'zod';

/**
 * True when an answer's schema and the domain type it writes name the same fields. An answer is written with
 * its schema's fields only, so a field the schema forgot would silently go missing from the API: each answer
 * file lists its schemas against their types in a `sameFields` tuple of `true`s, which fails to compile then.
 */
export type SameFields<S extends z.ZodType, E> = [keyof z.output<S>] extends [keyof E]
  ? [keyof E] extends [keyof z.output<S>]
    ? true
    : false
  : false;
