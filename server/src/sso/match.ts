import { sql, type Kysely } from 'kysely';
import type { MatchBy } from '@lagverk/shared';
import type { DB } from '../db/types.ts';

// Who a verified identity is in Lagverk. Single sign-on never creates accounts: an
// administrator (or the HR integration) decides who has one, the provider only proves
// which of them is at the keyboard.

export type Match =
  | { account: { id: string; person_id: string; name: string } }
  | { refused: 'claim-missing' | 'email-unverified' | 'no-account' | 'account-inactive' };

/** The claim the provider must send for this way of matching. */
export const neededClaim = (provider: { match_by: MatchBy; external_id_claim: string }) =>
  provider.match_by === 'email' ? 'email' : provider.external_id_claim;

export async function matchAccount(
  db: Kysely<DB>, organisationId: string, provider: { match_by: MatchBy; external_id_claim: string }, claims: Record<string, unknown>,
): Promise<Match> {
  const value = claims[neededClaim(provider)];
  // An employee number may come as a JSON number; anything else is no usable key.
  const key = typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : '';
  if (!key || key.length > 254) return { refused: 'claim-missing' };

  const candidates = db.selectFrom('accounts as a')
    .innerJoin('people as p', (j) => j.onRef('p.organisation_id', '=', 'a.organisation_id').onRef('p.id', '=', 'a.person_id'))
    .select(['a.id', 'a.person_id', 'p.name', 'a.active', 'p.active as person_active'])
    .where('a.organisation_id', '=', organisationId);
  let row;
  if (provider.match_by === 'email') {
    // Entra ID sends no email_verified at all; only a provider that says "not verified" is refused.
    if (claims.email_verified === false || claims.email_verified === 'false') return { refused: 'email-unverified' };
    row = await candidates.where(sql`lower(a.email)`, '=', key.toLowerCase()).executeTakeFirst();
  } else {
    row = await candidates.where('p.external_id', '=', key).executeTakeFirst();
  }
  if (!row) return { refused: 'no-account' };
  if (!row.active || !row.person_active) return { refused: 'account-inactive' };
  return { account: { id: row.id, person_id: row.person_id, name: row.name } };
}
