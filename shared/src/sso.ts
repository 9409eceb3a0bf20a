import Type, { type Static } from 'typebox';
import { Text, Timestamp, Uuid, Version } from './common.ts';

// Single sign-on with OpenID Connect (issue 3): each organisation configures the identity
// providers its people sign in with (Entra ID, Feide, any standard provider).

export const MatchBy = Type.Union([Type.Literal('email'), Type.Literal('externalId')], {
  description: 'How a signed-in user is matched to an account: `email` compares the `email` claim with the account\'s email (case-blind; `email_verified` must not be false); `externalId` compares the claim named in `externalIdClaim` with the person\'s `externalId`.',
});
export type MatchBy = Static<typeof MatchBy>;

const Issuer = Type.String({
  format: 'uri',
  maxLength: 500,
  pattern: '^https?://',
  description: 'The provider\'s issuer URL; its metadata is read from `/.well-known/openid-configuration` below it. HTTPS, except http://localhost or http://127.0.0.1 for testing.',
  examples: ['https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0'],
});
const ClientId = Type.String({ minLength: 1, maxLength: 500, pattern: '^[\\x21-\\x7e]+$', description: 'The client (application) id Lagverk has at the provider.' });
const ClientSecret = Type.String({
  minLength: 1,
  maxLength: 1000,
  description: 'The client secret. Write-only: never returned (see `hasClientSecret`). Leave out for a public client, which proves itself with PKCE alone.',
});
const Scopes = Type.String({
  minLength: 6,
  maxLength: 500,
  // RFC 6749 scope tokens, separated by single spaces.
  pattern: '^[\\x21\\x23-\\x5b\\x5d-\\x7e]+( [\\x21\\x23-\\x5b\\x5d-\\x7e]+)*$',
  description: 'Scopes to ask for, separated by spaces; must include `openid`.',
  examples: ['openid email profile'],
});
const ClaimName = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[\\x21-\\x7e]+$',
  description: 'The claim holding the person\'s `externalId`, used when `matchBy` is `externalId`: for example `employeeId`, `oid` (Entra ID) or a Feide claim such as `https://n.feide.no/claims/eduPersonPrincipalName`.',
  examples: ['employeeId'],
});

export const IdentityProvider = Type.Object(
  {
    id: Uuid,
    name: Text(100, { description: 'Shown on the sign-in button: "Sign in with <name>".' }),
    issuer: Issuer,
    clientId: ClientId,
    hasClientSecret: Type.Boolean({ description: 'Whether a client secret is stored. The secret itself is never returned.' }),
    scopes: Scopes,
    matchBy: MatchBy,
    externalIdClaim: ClaimName,
    active: Type.Boolean({ description: 'Only active providers are offered on the sign-in page.' }),
    redirectUri: Type.String({
      maxLength: 600,
      description: 'The redirect URI to register at the provider for this installation.',
      examples: ['https://lagverk.kommune.no/api/v1/auth/oidc/callback'],
    }),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'An OpenID Connect provider the organisation\'s people can sign in with.' },
);
export type IdentityProvider = Static<typeof IdentityProvider>;

export const IdentityProviderCreate = Type.Object(
  {
    name: Text(100),
    issuer: Issuer,
    clientId: ClientId,
    clientSecret: Type.Optional(ClientSecret),
    scopes: Type.Optional(Scopes),
    matchBy: MatchBy,
    externalIdClaim: Type.Optional(ClaimName),
    active: Type.Optional(Type.Boolean({ default: true })),
  },
  {
    additionalProperties: false,
    description: 'The issuer is checked by reading its metadata (discovery) before anything is saved.',
    examples: [{
      name: 'Microsoft Entra ID',
      issuer: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
      clientId: '11111111-1111-1111-1111-111111111111',
      clientSecret: 'hemmeleg-klienthemmelegheit',
      matchBy: 'email',
    }],
  },
);
export type IdentityProviderCreate = Static<typeof IdentityProviderCreate>;

export const IdentityProviderPatch = Type.Object(
  {
    name: Type.Optional(Text(100)),
    issuer: Type.Optional(Issuer),
    clientId: Type.Optional(ClientId),
    clientSecret: Type.Optional(Type.Union([ClientSecret, Type.Null()], { description: 'A new secret; null removes it (a public client). Leave out to keep it.' })),
    scopes: Type.Optional(Scopes),
    matchBy: Type.Optional(MatchBy),
    externalIdClaim: Type.Optional(ClaimName),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ active: false }] },
);
export type IdentityProviderPatch = Static<typeof IdentityProviderPatch>;

export const IdentityProviderList = Type.Object(
  { items: Type.Array(IdentityProvider, { maxItems: 1000 }) },
  { additionalProperties: false, description: 'Every identity provider of the organisation, by name.' },
);
export type IdentityProviderList = Static<typeof IdentityProviderList>;

// The public side: what the sign-in page offers, and how a sign-in starts.

export const SignInProvidersQuery = Type.Object({ organisationId: Uuid }, { additionalProperties: false });
export type SignInProvidersQuery = Static<typeof SignInProvidersQuery>;

export const SignInProviderList = Type.Object(
  { items: Type.Array(Type.Object({ id: Uuid, name: Text(100) }, { additionalProperties: false }), { maxItems: 1000 }) },
  { additionalProperties: false, description: 'The active identity providers of the organisation, by name.' },
);
export type SignInProviderList = Static<typeof SignInProviderList>;

export const ProviderIdParams = Type.Object({ providerId: Uuid }, { additionalProperties: false });

export const OidcStartQuery = Type.Object(
  {
    organisationId: Uuid,
    returnTo: Type.Optional(Type.String({
      maxLength: 2000,
      description: 'Where to go in Lagverk once signed in: a path on this site (starting with a single `/`). Anything else means `/`.',
      examples: ['/teams'],
    })),
  },
  { additionalProperties: false },
);
export type OidcStartQuery = Static<typeof OidcStartQuery>;

/**
 * The provider's answer, as OAuth 2.0 names it (snake_case). Providers add parameters of
 * their own (Entra ID sends `session_state`), so unknown ones are accepted here.
 */
export const OidcCallbackQuery = Type.Object(
  {
    state: Type.Optional(Type.String({ maxLength: 200, examples: ['0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21.kVx3c2hJ0n7bY1qW8rT5uZ4aE6dF9gH2jK0lM3nP5sQ'] })),
    code: Type.Optional(Type.String({ maxLength: 4000, examples: ['SplxlOBeZQQYbYS6WxSbIA'] })),
    iss: Type.Optional(Type.String({ maxLength: 500 })),
    error: Type.Optional(Type.String({ maxLength: 200 })),
    error_description: Type.Optional(Type.String({ maxLength: 2000 })),
    error_uri: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: Type.String({ maxLength: 4000 }) },
);
export type OidcCallbackQuery = Static<typeof OidcCallbackQuery>;

/** The `error` codes a failed single sign-on leaves on the sign-in page (`/sign-in?error=…`). */
export const ssoErrors = ['sso-no-account', 'sso-failed'] as const;
export type SsoError = (typeof ssoErrors)[number];
