import { actorOf } from '../auth/actor.ts';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DB } from '../db/types.ts';
import { HttpProblem } from './problem.ts';

// Idempotency-Key for creating POSTs, kept in PostgreSQL so any replica answers a retry.
// The key is claimed before the handler runs (so two concurrent retries cannot both
// create), filled with the response afterwards, and released if the request failed.

const keyLifetime = '24 hours';
/** A claim whose request never finished (the process died) is taken over after this. */
const abandonedAfter = '2 minutes';
const replayedHeaders = ['content-type', 'location', 'etag'];

/**
 * The key as stored: the caller's own. Two people (or two tokens) of one organisation who
 * happen to send the same key make two requests, and neither is ever answered with the
 * other's response (a self-enrolment, say).
 */
function storedKey(request: FastifyRequest, key: string): string {
  const actor = actorOf(request);
  const caller = actor.accountId ? `account:${actor.accountId}` : actor.tokenId ? `token:${actor.tokenId}` : 'organisation';
  return `${caller}\n${key}`;
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(request.method)
    .update('\n')
    .update(request.url.split('?')[0]!)
    .update('\n')
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey?: string;
  }
}

/**
 * Adds the claim (preHandler) and the record (onSend) to the routes whose config says
 * `idempotent: true`, and only to them, so other routes pay nothing.
 */
export function registerIdempotency(app: FastifyInstance, db: Kysely<DB>) {
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    route.preHandler = [...toArray(route.preHandler), claim];
    route.onSend = [...toArray(route.onSend), record];
  });

  async function claim(request: FastifyRequest, reply: FastifyReply) {
    const sent = request.headers['idempotency-key'];
    if (typeof sent !== 'string' || sent === '') return;
    const key = storedKey(request, sent);
    const organisationId = actorOf(request).organisationId;
    const hash = requestHash(request);
    const path = request.url.split('?')[0]!;

    const claimed = await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('idempotency_keys')
        .where('organisation_id', '=', organisationId).where('key', '=', key)
        .where((eb) => eb.or([
          eb('created_at', '<', sql<Date>`now() - ${sql.lit(keyLifetime)}::interval`),
          eb.and([eb('response_status', 'is', null), eb('created_at', '<', sql<Date>`now() - ${sql.lit(abandonedAfter)}::interval`)]),
        ]))
        .execute();
      const inserted = await trx.insertInto('idempotency_keys')
        .values({ organisation_id: organisationId, key, method: request.method, path, request_hash: hash, response_status: null, response_body: null, response_headers: null })
        .onConflict((oc) => oc.columns(['organisation_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (inserted) return null;
      return trx.selectFrom('idempotency_keys').selectAll()
        .where('organisation_id', '=', organisationId).where('key', '=', key).executeTakeFirstOrThrow();
    });

    if (claimed === null) {
      request.idempotencyKey = key;
      return;
    }
    if (claimed.request_hash !== hash) {
      throw new HttpProblem(422, 'idempotency-key-reused', 'Unprocessable request',
        'This Idempotency-Key was already used for a different request. Use a new key for a new request.');
    }
    if (claimed.response_status === null) {
      throw new HttpProblem(409, 'idempotency-key-in-use', 'Conflict',
        'A request with this Idempotency-Key is still being processed; retry shortly.', {}, { 'retry-after': '1' });
    }
    const headers = claimed.response_headers ?? {};
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    reply.header('idempotent-replayed', 'true');
    // The body is the exact bytes sent the first time, already serialised.
    reply.serializer((payload: unknown) => String(payload));
    return reply.code(claimed.response_status).send(claimed.response_body ?? '');
  }

  async function record(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const key = request.idempotencyKey;
    if (!key) return payload;
    const where = { organisation_id: actorOf(request).organisationId, key };
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      const headers: Record<string, string> = {};
      for (const name of replayedHeaders) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      await db.updateTable('idempotency_keys')
        .set({ response_status: reply.statusCode, response_body: payload, response_headers: JSON.stringify(headers) })
        .where('organisation_id', '=', where.organisation_id).where('key', '=', where.key)
        .execute();
    } else {
      // A refused or failed request did nothing, so the same key may be tried again.
      await db.deleteFrom('idempotency_keys')
        .where('organisation_id', '=', where.organisation_id).where('key', '=', where.key)
        .execute();
    }
    return payload;
  }
}

function toArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
