import Type, { type Static } from 'typebox';
import { Cursor, Email, Limit, Page, SearchText, Text, Timestamp, Uuid, Version, WrittenStandard } from './common.ts';
import { GrantableRole, PermissionGrants, RoleSchema, TokenScope } from './access.ts';

// Accounts, sessions, integration tokens and the audit trail (issue 3).

/** Password rules, shared so the form can say them before the server does. */
export const passwordRules = { minLength: 12, maxLength: 256 } as const;
export const NewPassword = Type.String({
  minLength: passwordRules.minLength,
  maxLength: passwordRules.maxLength,
  description: 'At least 12 characters, not a commonly used password. Any characters; no other rules.',
});
const GivenPassword = Type.String({ minLength: 1, maxLength: passwordRules.maxLength });

export const SignIn = Type.Object(
  {
    email: Email,
    password: GivenPassword,
    organisationId: Type.Optional(Uuid),
  },
  {
    additionalProperties: false,
    description: 'organisationId is needed only when the installation serves more than one organisation.',
    examples: [{ email: 'kari.nordmann@kommune.no', password: 'et langt og godt passord' }],
  },
);
export type SignIn = Static<typeof SignIn>;

export const SignInOrganisation = Type.Object(
  { id: Uuid, name: Text(200) },
  { additionalProperties: false },
);
export const SignInOrganisationList = Type.Object(
  { items: Type.Array(SignInOrganisation, { maxItems: 10000 }) },
  { additionalProperties: false, description: 'The organisations on this installation one can sign in to.' },
);
export type SignInOrganisationList = Static<typeof SignInOrganisationList>;

export const CurrentSession = Type.Object(
  {
    account: Type.Object(
      {
        id: Uuid,
        personId: Uuid,
        name: Text(200),
        email: Email,
        roles: Type.Array(GrantableRole, { maxItems: 10, description: 'The roles granted on the account.' }),
      },
      { additionalProperties: false },
    ),
    organisation: Type.Object({ id: Uuid, name: Text(200), writtenStandard: WrittenStandard }, { additionalProperties: false }),
    roles: Type.Array(RoleSchema, { maxItems: 10, description: 'Effective roles: granted, plus unitManager and coordinator where they apply.' }),
    permissions: PermissionGrants,
    csrfToken: Type.String({
      maxLength: 100,
      description: 'Send it as the X-CSRF-Token header on every write made with the session cookie.',
    }),
    expiresAt: Timestamp,
  },
  { additionalProperties: false, description: 'The signed-in user and what they may do.' },
);
export type CurrentSession = Static<typeof CurrentSession>;

export const SessionSummary = Type.Object(
  {
    id: Uuid,
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
    expiresAt: Timestamp,
    userAgent: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    ipAddress: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
    current: Type.Boolean({ description: 'True for the session making this request.' }),
  },
  { additionalProperties: false, description: 'One of your signed-in sessions.' },
);
export type SessionSummary = Static<typeof SessionSummary>;
export const SessionList = Type.Object(
  { items: Type.Array(SessionSummary, { maxItems: 1000 }) },
  { additionalProperties: false },
);
export type SessionList = Static<typeof SessionList>;

export const PasswordChange = Type.Object(
  { currentPassword: GivenPassword, newPassword: NewPassword },
  { additionalProperties: false, description: 'Changing the password ends every other session of the account.' },
);
export type PasswordChange = Static<typeof PasswordChange>;

export const PasswordSet = Type.Object(
  { password: NewPassword },
  { additionalProperties: false, description: 'Sets a new password and ends every session of the account.', examples: [{ password: 'fjord måke sykkel lykt' }] },
);
export type PasswordSet = Static<typeof PasswordSet>;

// Accounts

export const Account = Type.Object(
  {
    id: Uuid,
    personId: Uuid,
    personName: Text(200),
    email: Email,
    roles: Type.Array(GrantableRole, { maxItems: 10 }),
    active: Type.Boolean({ description: 'False: cannot sign in; all sessions and tokens were ended.' }),
    hasPassword: Type.Boolean({ description: 'False until a password is set (or when the account signs in only with single sign-on).' }),
    lastSignInAt: Type.Union([Timestamp, Type.Null()]),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A person\'s way in to Lagverk. One person has at most one account.' },
);
export type Account = Static<typeof Account>;

const Roles = Type.Array(GrantableRole, { maxItems: 6, uniqueItems: true });

export const AccountCreate = Type.Object(
  {
    personId: Uuid,
    email: Email,
    roles: Roles,
    password: Type.Optional(NewPassword),
  },
  { additionalProperties: false, examples: [{ personId: '0b8f4c9e-2f4e-4c55-9a53-3c1c1a0e7d11', email: 'kari.nordmann@kommune.no', roles: ['member'] }] },
);
export type AccountCreate = Static<typeof AccountCreate>;

export const AccountPatch = Type.Object(
  {
    email: Type.Optional(Email),
    roles: Type.Optional(Roles),
    active: Type.Optional(Type.Boolean({ description: 'false ends every session and token of the account at once.' })),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ roles: ['member', 'hr'] }] },
);
export type AccountPatch = Static<typeof AccountPatch>;

export const AccountListQuery = Type.Object(
  {
    q: Type.Optional(SearchText),
    role: Type.Optional(GrantableRole),
    active: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type AccountListQuery = Static<typeof AccountListQuery>;
export const AccountPage = Page(Account, 'A page of accounts, by email.');
export type AccountPage = Static<typeof AccountPage>;

// Integration tokens

export const ApiToken = Type.Object(
  {
    id: Uuid,
    name: Text(200),
    scopes: Type.Array(TokenScope, { maxItems: 50 }),
    expiresAt: Type.Union([Timestamp, Type.Null()]),
    lastUsedAt: Type.Union([Timestamp, Type.Null()], { description: 'Updated at most once a minute.' }),
    revokedAt: Type.Union([Timestamp, Type.Null()]),
    createdAt: Timestamp,
    createdBy: Type.Union([Text(200), Type.Null()], { description: 'Who created it (null: the CLI).' }),
  },
  { additionalProperties: false, description: 'An integration token. The secret is shown once, when it is created.' },
);
export type ApiToken = Static<typeof ApiToken>;

export const ApiTokenCreate = Type.Object(
  {
    name: Text(200, { examples: ['HR-systemet'] }),
    scopes: Type.Array(TokenScope, { minItems: 1, maxItems: 50, uniqueItems: true }),
    expiresAt: Type.Optional(Type.Union([Timestamp, Type.Null()], { description: 'In the future; null or absent: never.' })),
  },
  { additionalProperties: false, examples: [{ name: 'HR-systemet', scopes: ['people:read', 'people:write', 'units:read', 'units:write'], expiresAt: '2027-06-30T00:00:00.000Z' }] },
);
export type ApiTokenCreate = Static<typeof ApiTokenCreate>;

export const ApiTokenCreated = Type.Object(
  {
    token: ApiToken,
    secret: Type.String({ maxLength: 200, description: 'Send as `Authorization: Bearer <secret>`. Shown only now; store it safely.' }),
  },
  { additionalProperties: false },
);
export type ApiTokenCreated = Static<typeof ApiTokenCreated>;

export const ApiTokenList = Type.Object(
  { items: Type.Array(ApiToken, { maxItems: 10000 }) },
  { additionalProperties: false, description: 'Every token of the organisation, newest first, revoked ones included.' },
);
export type ApiTokenList = Static<typeof ApiTokenList>;

// Audit trail

export const AuditActorKind = Type.Union(
  [Type.Literal('account'), Type.Literal('token'), Type.Literal('cli'), Type.Literal('system')],
  { description: 'account: a signed-in person; token: an integration; cli: an administrator at the command line; system: start-up and demo data.' },
);
export const AuditChange = Type.Object(
  {
    before: Type.Optional(Type.Unknown()),
    after: Type.Optional(Type.Unknown()),
    redacted: Type.Optional(Type.Boolean({ description: 'A secret changed; its value is never recorded.' })),
  },
  { additionalProperties: false },
);
export const AuditEvent = Type.Object(
  {
    id: Type.String({ maxLength: 20, pattern: '^[0-9]+$' }),
    occurredAt: Timestamp,
    actor: Type.Object(
      {
        kind: AuditActorKind,
        accountId: Type.Union([Uuid, Type.Null()]),
        personId: Type.Union([Uuid, Type.Null()]),
        tokenId: Type.Union([Uuid, Type.Null()]),
        name: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
      },
      { additionalProperties: false },
    ),
    requestId: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
    entity: Type.String({ maxLength: 64, description: 'What changed: the table, such as units, people, teams, accounts.' }),
    entityId: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
    action: Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('delete'), Type.Literal('signIn'), Type.Literal('signOut')]),
    changes: Type.Record(Type.String({ maxLength: 64 }), AuditChange, { description: 'Changed fields (column names), before and after.' }),
  },
  { additionalProperties: false, description: 'One recorded change. The trail is append-only.' },
);
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditQuery = Type.Object(
  {
    entity: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z_]+$' })),
    entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    personId: Type.Optional(Uuid),
    tokenId: Type.Optional(Uuid),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;
export const AuditPage = Page(AuditEvent, 'A page of the audit trail, newest first.');
export type AuditPage = Static<typeof AuditPage>;
