import Type from 'typebox';

/** A union of string literals built from a list, typed as that union (TypeBox loses it through map). */
function literals<const T extends string>(values: readonly T[], options: { description?: string } = {}) {
  return Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v)), options));
}

// Who may do what. This one table decides on the server (every route declares a
// permission), drives what the web client shows, and is printed in docs/security.md
// (a test keeps that page in step with it).

/**
 * Roles. `administrator`, `chiefExecutive`, `hr`, `member`, `representative` and
 * `politician` are granted on the account; `unitManager` and `coordinator` follow from
 * the data: whoever leads a unit manages it and the units below it, and whoever
 * coordinates a team runs that team.
 */
export const roles = [
  'administrator', 'chiefExecutive', 'hr', 'unitManager', 'coordinator', 'member', 'representative', 'politician',
] as const;
export type Role = (typeof roles)[number];

export const grantableRoles = ['administrator', 'chiefExecutive', 'hr', 'member', 'representative', 'politician'] as const;
export type GrantableRole = (typeof grantableRoles)[number];
export const GrantableRole = Type.Union([
  Type.Literal('administrator'), Type.Literal('chiefExecutive'), Type.Literal('hr'),
  Type.Literal('member'), Type.Literal('representative'), Type.Literal('politician'),
], {
  description: 'A role granted on the account. unitManager and coordinator follow from who leads units and coordinates teams.',
});
export const RoleSchema = Type.Union([
  Type.Literal('administrator'), Type.Literal('chiefExecutive'), Type.Literal('hr'), Type.Literal('unitManager'),
  Type.Literal('coordinator'), Type.Literal('member'), Type.Literal('representative'), Type.Literal('politician'),
]);

export const permissions = [
  'organisation:read', 'organisation:write',
  'units:read', 'units:write',
  'people:read', 'people:write',
  'teams:read', 'teams:create', 'teams:write', 'teams:decide',
  'criteria:read', 'criteria:write',
  'results:read', 'results:write',
  'evaluations:read', 'evaluations:write',
  'surveys:read', 'surveys:write', 'surveyResults:read',
  'actions:read', 'actions:write',
  'dashboard:read',
  'arenas:read', 'arenas:write',
  'experiences:read', 'experiences:write', 'experiences:publish',
  'competence:read', 'competence:write', 'competenceRecords:read',
  'news:read', 'news:write',
  'changeProcesses:read', 'changeProcesses:write', 'changeProcesses:participate', 'changeInterviews:read',
  'tripartite:read', 'tripartite:write',
  'accounts:read', 'accounts:write',
  'tokens:read', 'tokens:write',
  'audit:read',
] as const;
export type Permission = (typeof permissions)[number];
export const PermissionSchema = literals(permissions);

/**
 * `all`: anywhere in the organisation. `scoped`: only within the role's reach — a unit
 * manager's units and the units below them, a coordinator's own teams.
 */
export type Grant = 'all' | 'scoped';

const staff: Role[] = ['administrator', 'chiefExecutive', 'hr', 'unitManager', 'coordinator', 'member', 'representative'];
const everyone = (grant: Grant, who: Role[]) => Object.fromEntries(who.map((r) => [r, grant])) as Partial<Record<Role, Grant>>;

export const permissionTable: Record<Permission, Partial<Record<Role, Grant>>> = {
  'organisation:read': everyone('all', [...roles]),
  'organisation:write': { administrator: 'all' },
  // The organisation chart is public in a municipality; politicians filter the dashboard by it.
  'units:read': everyone('all', [...staff, 'politician']),
  'units:write': { administrator: 'all', hr: 'all' },
  'people:read': everyone('all', staff),
  'people:write': { administrator: 'all', hr: 'all' },
  'teams:read': everyone('all', staff),
  // Anyone on the staff may propose a team: the programme wants ideas from the floor.
  'teams:create': everyone('all', ['administrator', 'chiefExecutive', 'hr', 'unitManager', 'coordinator', 'member']),
  'teams:write': { administrator: 'all', chiefExecutive: 'all', unitManager: 'scoped', coordinator: 'scoped' },
  'teams:decide': { administrator: 'all', chiefExecutive: 'all', unitManager: 'scoped' },
  'criteria:read': everyone('all', staff),
  'criteria:write': { administrator: 'all', chiefExecutive: 'all' },
  'results:read': everyone('all', staff),
  'results:write': { administrator: 'all', chiefExecutive: 'all', unitManager: 'scoped', coordinator: 'scoped' },
  'evaluations:read': everyone('all', staff),
  // The self-assessment is the coordinator's, the assessment of the team the unit
  // manager's; the service decides which part each may write.
  'evaluations:write': { administrator: 'all', chiefExecutive: 'all', unitManager: 'scoped', coordinator: 'scoped' },
  // Templates and rounds are set up centrally; the staff and politicians may see them
  // (politicians to find a round's results and a template's trend).
  'surveys:read': everyone('all', [...staff, 'politician']),
  'surveys:write': { administrator: 'all', chiefExecutive: 'all', hr: 'all' },
  // Results are aggregates above the anonymity minimum, for everyone including politicians.
  'surveyResults:read': everyone('all', [...roles]),
  // Follow-up actions on survey results; union and safety representatives see them.
  'actions:read': everyone('all', staff),
  'actions:write': { administrator: 'all', chiefExecutive: 'all', hr: 'all', unitManager: 'scoped', coordinator: 'scoped' },
  // The effect dashboard and the reports hold aggregates only, for politicians too.
  'dashboard:read': everyone('all', [...roles]),
  // Arenas and their meetings are open to all, politicians included (they sit in the
  // tripartite workshop); they are set up and minuted centrally.
  'arenas:read': everyone('all', [...roles]),
  'arenas:write': { administrator: 'all', chiefExecutive: 'all', hr: 'all' },
  // Anyone on the staff shares, comments on and marks experiences; only the author changes
  // their own (routes declare `owner`), and a moderator anyone's.
  'experiences:read': everyone('all', staff),
  'experiences:write': everyone('all', staff),
  // Moderating the library, and sharing an experience with the other organisations on the installation.
  'experiences:publish': { administrator: 'all', chiefExecutive: 'all' },
  'competence:read': everyone('all', staff),
  'competence:write': { administrator: 'all', chiefExecutive: 'all', hr: 'all' },
  // One person's courses and hours are personal data: HR's and the chief executive's; each
  // person sees their own under /me.
  'competenceRecords:read': { administrator: 'all', chiefExecutive: 'all', hr: 'all' },
  'news:read': everyone('all', [...roles]),
  'news:write': { administrator: 'all', chiefExecutive: 'all', hr: 'all' },
  // Change processes are run openly: everyone, politicians included, follows a process,
  // its activities, published answers, communication plan and organisation-chart proposals.
  'changeProcesses:read': everyone('all', [...roles]),
  'changeProcesses:write': { administrator: 'all', chiefExecutive: 'all', hr: 'all' },
  // Asking questions (named or anonymous) and commenting on organisation-chart proposals.
  'changeProcesses:participate': everyone('all', [...roles]),
  // Interview notes are pseudonymised but still close to the people interviewed: only those
  // who run the process read them; everyone else sees roles, counts and themes.
  'changeInterviews:read': { administrator: 'all', chiefExecutive: 'all', hr: 'all' },
  // The agreements on how politicians, administration and unions cooperate: open to all;
  // written by the administration and the union and safety representatives.
  'tripartite:read': everyone('all', [...roles]),
  'tripartite:write': { administrator: 'all', chiefExecutive: 'all', hr: 'all', representative: 'all' },
  'accounts:read': { administrator: 'all' },
  'accounts:write': { administrator: 'all' },
  'tokens:read': { administrator: 'all' },
  'tokens:write': { administrator: 'all' },
  'audit:read': { administrator: 'all' },
};

/**
 * What an integration token may be given: everything but minting tokens and managing
 * accounts. Either would let a token make itself (or anyone) an administrator, so both
 * are left to a signed-in administrator.
 */
export const tokenScopes = permissions.filter((p) => p !== 'tokens:write' && p !== 'accounts:write');
export const TokenScope = literals(tokenScopes, {
  description: 'A permission the token carries, organisation-wide: read or write per resource.',
});

/** The widest grant any of `held` gives for `permission`; null when none does. */
export function grantFor(permission: Permission, held: readonly Role[]): Grant | null {
  const row = permissionTable[permission];
  let best: Grant | null = null;
  for (const role of held) {
    const grant = row[role];
    if (grant === 'all') return 'all';
    if (grant === 'scoped') best = 'scoped';
  }
  return best;
}

const GrantSchema = Type.Union([Type.Literal('all'), Type.Literal('scoped')]);
export const PermissionGrants = Type.Object(
  Object.fromEntries(permissions.map((p) => [p, Type.Optional(GrantSchema)])),
  {
    additionalProperties: false,
    description: 'What the caller may do: permission → all (organisation-wide) or scoped (their units or teams). Missing: not allowed.',
  },
);
export type PermissionGrants = Partial<Record<Permission, Grant>>;
