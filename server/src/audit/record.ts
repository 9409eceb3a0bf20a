import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import type { AuditActor } from './context.ts';

/**
 * Records an event that is not a row change (sign-in, sign-out). Row changes are
 * recorded by the database trigger and need no call.
 */
export async function recordAuditEvent(
  db: Kysely<DB> | Transaction<DB>,
  event: { organisationId: string; actor: AuditActor; entity: string; entityId: string; action: 'signIn' | 'signOut' },
) {
  await db.insertInto('audit_events').values({
    organisation_id: event.organisationId,
    actor_kind: event.actor.kind,
    actor_account_id: event.actor.accountId ?? null,
    actor_person_id: event.actor.personId ?? null,
    actor_token_id: event.actor.tokenId ?? null,
    actor_name: event.actor.name ?? null,
    request_id: event.actor.requestId ?? null,
    entity: event.entity,
    entity_id: event.entityId,
    action: event.action,
    changes: '{}',
  }).execute();
}
