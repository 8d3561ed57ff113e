import type { FastifySerializerCompiler } from 'fastify';
import fastJson from 'fast-json-stringify';
import { z } from 'zod';

/**
 * Fastify's serializer for the routes' zod answer schemas: each schema is turned into JSON Schema once, when
 * the route is set up, and fast-json-stringify compiles that into a function that writes the schema's fields
 * only, as Fastify does for its own JSON Schemas. Parsing every answer with zod before JSON.stringify (what
 * fastify-type-provider-zod's serializer does) doubled the cost of writing a page of 1000 expenses; what a
 * handler returns is checked against the schema when it compiles instead.
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) =>
  fastJson(serializedSchema(schema) as fastJson.AnySchema);

/**
 * The JSON Schema the answers are written by. Objects keep no `additionalProperties: false`: the serializer
 * writes the named fields only either way, and without it a shape of a union (one of the reports) is picked by
 * its required fields, so an answer with a field too is written without it instead of matching no shape.
 */
function serializedSchema(schema: z.ZodType): z.core.JSONSchema.BaseSchema {
  return z.toJSONSchema(schema, {
    target: 'draft-07',
    io: 'output',
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      if (jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
    },
  });
}
