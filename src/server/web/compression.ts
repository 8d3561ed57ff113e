import compress from '@fastify/compress';
import { constants } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

// Text that compresses well. text/event-stream is left out: a compressor holds events back until its buffer
// fills, and live sync progress must reach the browser as each event is written.
const COMPRESSIBLE =
  /^(?:text\/(?!event-stream)[\w.+-]+|application\/(?:json|javascript|xml|[\w.-]+\+(?:json|xml))|image\/svg\+xml)\s*(?:;|$)/i;

/**
 * Compresses text answers of 1 KiB or more (JSON above all, and a UI file the build left without a compressed
 * copy) with brotli or gzip, as the request's Accept-Encoding allows. Answers already encoded (the build's .br
 * and .gz copies) pass as they are. Registered before the routes: the plugin hooks each route as it is added.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: COMPRESSIBLE,
    // Made per request: a fast brotli level compresses JSON nearly as well as the slowest at a fraction of the
    // time. The built UI's files were compressed once, at build time, at the highest levels.
    brotliOptions: {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    },
    zlibOptions: { level: 6 },
    // Request bodies are small JSON: compressed ones are not accepted.
    globalDecompression: false,
  });
}
