import type { FastifyRequest } from 'fastify';

// What a request looks like in the log. As Fastify's own, but the query of the single
// sign-on callback is left out: it carries the provider's one-time code and state.

const secretQueries = ['/api/v1/auth/oidc/callback'];

export function withoutSecretQuery(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const path = url.slice(0, query);
  return secretQueries.includes(path) ? `${path}?[redacted]` : url;
}

export const logSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: withoutSecretQuery(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
};
