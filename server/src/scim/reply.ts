import type { FastifyReply, FastifyRequest } from 'fastify';

export const scimContentType = 'application/scim+json; charset=utf-8';

/** Where this installation's SCIM service is, as the client reached it (behind a proxy: see trustProxy). */
export const baseUrlOf = (request: FastifyRequest) => `${request.protocol}://${request.host}/scim/v2`;

export function sendScim(reply: FastifyReply, status: number, body: object, version?: number) {
  if (version !== undefined) reply.header('etag', `W/"${version}"`);
  return reply.code(status).type(scimContentType).send(body);
}
