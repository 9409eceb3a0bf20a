import { tokenScopes, type ApiToken } from '@lagverk/shared';

type Scope = ApiToken['scopes'][number];

/** One resource's scopes, for example people: read and write. */
export interface ScopeGroup {
  resource: string;
  scopes: { scope: Scope; action: string }[];
}

/** The scopes a token can carry, grouped by resource in the order the permission table has them. */
export const scopeGroups: ScopeGroup[] = tokenScopes.reduce<ScopeGroup[]>((groups, scope) => {
  const [resource = scope, action = ''] = scope.split(':');
  let group = groups.find((g) => g.resource === resource);
  if (!group) groups.push((group = { resource, scopes: [] }));
  group.scopes.push({ scope, action });
  return groups;
}, []);

export type TokenStatus = 'active' | 'expired' | 'revoked';

/** Revoked wins over expired: revoking was someone's decision, expiry only the calendar. */
export function tokenStatus(token: ApiToken, now = Date.now()): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

/** The end of a chosen day in the user's time zone: a token "valid until 30 June" works all that day. */
export function endOfDay(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const end = new Date(`${date}T23:59:59.999`);
  return Number.isNaN(end.getTime()) ? null : end.toISOString();
}
