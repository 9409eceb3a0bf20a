import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { permissions, permissionTable, roles, type Permission, type Role } from '@lagverk/shared';

// The permission table in docs/security.md, generated from `permissionTable` (the table
// the server decides by). test/security-doc.test.ts fails when the page differs; this
// script rewrites the page's table in place:
//
//   pnpm docs:security        (or: node --import tsx server/scripts/security-doc.ts)

export const securityDoc = fileURLToPath(new URL('../../docs/security.md', import.meta.url));
export const tableStart = '<!-- permission-table:start -->';
export const tableEnd = '<!-- permission-table:end -->';

const roleNames: Record<Role, string> = {
  administrator: 'Administrator', chiefExecutive: 'Chief executive', hr: 'HR', unitManager: 'Unit manager',
  coordinator: 'Coordinator', member: 'Member', representative: 'Representative', politician: 'Politician',
};

// Typed by Permission, so a new permission does not build until it is explained here.
const permissionMeanings: Record<Permission, string> = {
  'organisation:read': 'See the organisation\'s name and settings',
  'organisation:write': 'Change the organisation\'s name and settings',
  'units:read': 'See the unit tree',
  'units:write': 'Create, change, deactivate and delete units',
  'people:read': 'See people and professions',
  'people:write': 'Create, change, deactivate and delete people',
  'teams:read': 'See teams, their members, assessment, timeline',
  'teams:create': 'Propose a new team (a draft)',
  'teams:write': 'Edit a team, its members and assessment; propose, start, pause, conclude it',
  'teams:decide': 'Approve or reject a proposed team',
  'criteria:read': 'See criteria sets',
  'criteria:write': 'Write, publish and revise criteria sets',
  'results:read': 'See a team\'s results',
  'results:write': 'Record, change and delete a team\'s results',
  'evaluations:read': 'See teams\' evaluations and when each team is due for one',
  'evaluations:write': 'Start, answer, submit, close and delete a team\'s evaluation (the self part is the coordinator\'s, the manager part and closing a unit manager\'s)',
  'surveys:read': 'See survey templates and rounds, with how many were invited and how many answered (never who)',
  'surveys:write': 'Write survey templates; create, open and close rounds',
  'surveyResults:read': 'See survey results: aggregates only, each group at or above the round\'s anonymity minimum',
  'actions:read': 'See follow-up actions on survey results and their reviews',
  'actions:write': 'Create, change, review and delete follow-up actions (unit managers for their units, coordinators for their teams)',
  'dashboard:read': 'See the effect dashboard and the management review (aggregates only, no person named)',
  'arenas:read': 'See arenas, their composition, meetings, minutes, decisions and follow-up items',
  'arenas:write': 'Create and change arenas and their composition; plan meetings, invite, record attendance, minutes and decisions',
  'experiences:read': 'Search and read the experience library, with comments and how many found each useful',
  'experiences:write': 'Share an experience, comment, mark one useful; change or delete one\'s own',
  'experiences:publish': 'Moderate the library (change or remove anyone\'s), and share an experience with the other organisations on the installation',
  'competence:read': 'See competence measures, their sessions, the year\'s plan against what was done, and hours per team and unit',
  'competence:write': 'Create and change competence measures and sessions; enrol, record attendance, import completions',
  'competenceRecords:read': 'See one person\'s enrolments, attendance and hours (each person sees their own under /me)',
  'news:read': 'Read news and announcements',
  'news:write': 'Write, publish and remove news and announcements',
  'changeProcesses:read': 'Follow change processes: mandate, phases, project group, activities (interviews without notes), questions with published answers, the communication plan and organisation-chart proposals with their comments',
  'changeProcesses:write': 'Run change processes: write the process, record activities, answer and moderate questions, keep the communication plan, draw organisation-chart proposals and open comment rounds',
  'changeProcesses:participate': 'Ask questions in a change process (named or anonymous) and comment on organisation-chart proposals',
  'changeInterviews:read': 'Read the pseudonymised notes of interviews in change processes',
  'tripartite:read': 'Read the tripartite agreements and their version history',
  'tripartite:write': 'Write and revise tripartite agreements (a new version each time)',
  'accounts:read': 'See accounts and their roles, and the identity providers for single sign-on',
  'accounts:write': 'Create accounts, grant roles, set passwords, deactivate accounts; set up single sign-on',
  'tokens:read': 'See integration tokens',
  'tokens:write': 'Create and revoke integration tokens',
  'audit:read': 'Read the audit trail',
};

const cell = { all: '✓', scoped: 'scoped' } as const;

/** The markdown table: a row per permission, a column per role; ✓, scoped or blank. */
export function permissionTableMarkdown(): string {
  const header = `| Permission | What it allows | ${roles.map((r) => roleNames[r]).join(' | ')} |`;
  const rule = `| --- | --- | ${roles.map(() => ':-:').join(' | ')} |`;
  const rows = permissions.map((p) => {
    const grants = roles.map((r) => {
      const grant = permissionTable[p][r];
      return grant ? cell[grant] : ' ';
    });
    return `| \`${p}\` | ${permissionMeanings[p]} | ${grants.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}

/** The table between the markers of `page`; null when the markers are missing. */
export function tableIn(page: string): string | null {
  const start = page.indexOf(tableStart);
  const end = page.indexOf(tableEnd);
  if (start < 0 || end < start) return null;
  return page.slice(start + tableStart.length, end).trim();
}

/** `page` with the table between the markers replaced by `table`. */
export function withTable(page: string, table: string): string {
  const start = page.indexOf(tableStart);
  const end = page.indexOf(tableEnd);
  if (start < 0 || end < start) throw new Error(`${securityDoc} lacks the markers ${tableStart} … ${tableEnd}`);
  return `${page.slice(0, start + tableStart.length)}\n${table}\n${page.slice(end)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const page = await readFile(securityDoc, 'utf8');
  const updated = withTable(page, permissionTableMarkdown());
  await writeFile(securityDoc, updated);
  process.stdout.write(updated === page ? `${securityDoc}: the permission table is up to date.\n` : `${securityDoc}: the permission table was rewritten.\n`);
}
