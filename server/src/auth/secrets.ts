import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Session cookies and integration tokens are random 256-bit secrets. Only their SHA-256
// hash is stored, so a copy of the database lets nobody sign in. Both carry their
// organisation id in clear: the lookup is then one key in one organisation, which a
// database distributed by organisation routes to a single shard.

const uuidPattern = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const secretPattern = '[A-Za-z0-9_-]{43}';

export const newSecret = () => randomBytes(32).toString('base64url');
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface ParsedSecret {
  organisationId: string;
  secret: string;
}

const sessionValue = new RegExp(`^(${uuidPattern})\\.(${secretPattern})$`);
export const formatSessionCookie = (organisationId: string, secret: string) => `${organisationId}.${secret}`;
export function parseSessionCookie(value: string | undefined): ParsedSecret | null {
  const match = value ? sessionValue.exec(value) : null;
  return match ? { organisationId: match[1]!, secret: match[2]! } : null;
}

// `lvk_` lets secret scanners (and people) recognise a leaked Lagverk token.
const tokenValue = new RegExp(`^lvk_([0-9a-f]{32})_(${secretPattern})$`);
export const formatToken = (organisationId: string, secret: string) => `lvk_${organisationId.replaceAll('-', '')}_${secret}`;
export function parseToken(value: string): ParsedSecret | null {
  const match = tokenValue.exec(value);
  if (!match) return null;
  const hex = match[1]!;
  const organisationId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { organisationId, secret: match[2]! };
}
