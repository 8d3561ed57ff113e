import type { FastifyInstance } from 'fastify';
import { badRequest } from '../http-errors.js';

/**
 * JSON bodies as fastify parses them (prototype poisoning refused), except that an empty body is no body: a
 * DELETE sent with a JSON content type and nothing in it is fine. JSON only: a text/plain body (which a
 * cross-site form can send) is refused with 415.
 */
export function acceptJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  const json = app.getDefaultJsonParser('error', 'error');
  // Bytes that are not UTF-8 are refused: decoded leniently they would be stored as U+FFFD.
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = typeof body === 'string' ? body : utf8.decode(body);
    } catch {
      done(badRequest('the request body is not valid UTF-8', 'body'), undefined);
      return;
    }
    if (text.trim() === '') done(null, undefined);
    else json(request, text, done);
  });
}
