import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream';
import { promisify } from 'node:util';
import {
  brotliCompress,
  constants,
  createBrotliCompress,
  createGzip,
  gzip,
  type BrotliOptions,
  type ZlibOptions,
} from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';

export type Encoding = 'br' | 'gzip';

/** Below this a compressed answer saves less than the work and the header cost. */
const MIN_BYTES = 1024;
// Answers are made per request: a fast brotli level compresses JSON nearly as well as the slowest at a
// fraction of the time. The built UI's files are compressed once at build time at the highest levels.
const BROTLI: BrotliOptions = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
};
const GZIP: ZlibOptions = { level: 6 };
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

// Text that compresses well. text/event-stream is left out: a compressor holds events back until its buffer
// fills, and live sync progress must reach the browser as each event is written.
const COMPRESSIBLE =
  /^(?:text\/(?!event-stream)[\w.+-]+|application\/(?:json|javascript|xml|[\w.-]+\+(?:json|xml))|image\/svg\+xml)\s*(?:;|$)/i;

/**
 * The encoding to answer with for an Accept-Encoding header: brotli, else gzip, else none (identity).
 * Honours q-values (`br;q=0` refuses brotli) and `*`.
 */
export function preferredEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  const br = weightOf('br');
  const gz = weightOf('gzip');
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return null;
}

function addVary(reply: FastifyReply): void {
  const vary = String(reply.getHeader('vary') ?? '');
  if (!vary) reply.header('vary', 'accept-encoding');
  else if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary))
    reply.header('vary', `${vary}, accept-encoding`);
}

function encoder(encoding: Encoding): Transform {
  return encoding === 'br' ? createBrotliCompress(BROTLI) : createGzip(GZIP);
}

/**
 * Compresses every text answer (JSON, CSV, HTML, a UI file with no pre-compressed copy) with brotli or gzip,
 * as the request's Accept-Encoding allows; leaves event streams, already encoded answers and small ones alone.
 */
export function compressAnswers(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (payload === null || payload === undefined || reply.statusCode === 204 || reply.statusCode === 304)
      return payload;
    if (reply.hasHeader('content-encoding')) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!COMPRESSIBLE.test(type)) return payload;
    const stream = payload instanceof Readable;
    const size = stream ? Number(reply.getHeader('content-length') ?? Infinity) : byteLength(payload);
    if (size < MIN_BYTES) return payload;
    addVary(reply);
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    if (!encoding || request.method === 'HEAD') return payload;
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    if (stream) {
      const out = encoder(encoding);
      pipeline(payload, out, () => undefined); // an error destroys `out`, which ends the answer
      return out;
    }
    const body = typeof payload === 'string' ? Buffer.from(payload) : (payload as Buffer);
    return encoding === 'br' ? brotli(body, BROTLI) : gzipped(body, GZIP);
  });
}

function byteLength(payload: unknown): number {
  if (typeof payload === 'string') return Buffer.byteLength(payload);
  if (Buffer.isBuffer(payload)) return payload.length;
  return 0;
}
