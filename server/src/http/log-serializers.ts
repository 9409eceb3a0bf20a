import type { FastifyRequest } from 'fastify';

// What a request looks like in the log. As Fastify's own, but the query of the single
// sign-on callback is left out: it carries the provider's one-time code and state. And an
// anonymous survey answer is logged without the caller's address, which next to that
// person's own signed-in requests from the same address would say who answered when.

const secretQueries = ['/api/v1/auth/oidc/callback'];

function withoutSecretQuery(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const path = url.slice(0, query);
  return secretQueries.includes(path) ? `${path}?[redacted]` : url;
}

const anonymousPrefix = '/api/v1/survey-answering/';
// Asking a question in a change process may be anonymous: the log does not keep the
// asker's address with it either (the question itself is never logged: bodies are not).
const askingQuestion = /^\/api\/v1\/change-processes\/[^/?]+\/questions(?:\?|$)/;
const withoutAddress = (method: string, url: string) => url.startsWith(anonymousPrefix) || (method === 'POST' && askingQuestion.test(url));

// A calendar feed's path is its secret (arenas/calendar.ts): the log keeps only the prefix.
const calendarFeedPrefix = '/api/v1/calendar-feeds/';
const withoutFeedToken = (url: string) => (url.startsWith(calendarFeedPrefix) ? `${calendarFeedPrefix}[redacted]` : url);

export const logSerializers = {
  req: (request: FastifyRequest) => {
    const url = typeof request.url === 'string' ? withoutFeedToken(withoutSecretQuery(request.url)) : undefined;
    if (url !== undefined && withoutAddress(request.method, url)) return { method: request.method, url, host: request.host };
    return { method: request.method, url, host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
  },
};

/** The server's logger settings (server.ts); tests build their app with the same. */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream) {
  return {
    level,
    ...(stream && { stream }),
    // Credentials never reach the log: headers are not serialized at all, and should a
    // request object be logged whole, these paths are masked.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    serializers: logSerializers,
  };
}
