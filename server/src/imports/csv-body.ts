import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem } from '../http/problem.ts';
import { decodeCsv } from './csv.ts';

/** How large an uploaded CSV file may be. */
export const importBodyLimit = 10 * 1024 * 1024;

/** Only a CSV body is read by an import route; anything else is a 415 that says what to send. */
function refuseOtherMediaTypes(request: FastifyRequest) {
  const type = request.headers['content-type'] ?? '(none)';
  return new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type',
    `Send the file as text/csv in UTF-8, not ${type.slice(0, 100)}.`);
}

/**
 * Makes the routes of an (encapsulated) plugin take a UTF-8 CSV body, decoded to text, and
 * nothing else: every other route of the API stays JSON-only.
 */
export function acceptCsvOnly(app: FastifyInstance) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return done(refuseOtherMediaTypes(request), undefined);
    try {
      done(null, decodeCsv(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser('*', (request, _payload, done) => done(refuseOtherMediaTypes(request), undefined));
}
