import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { declarePipelineProblems } from './responses.ts';

export const apiDescription = `The REST API of Lagverk, for HR systems and other integrations.

Conventions (every route follows them):
- JSON in and out, camelCase fields, UUID ids made by the server; an integration's own key is \`externalId\`.
- Lists return \`{ items, nextCursor }\`; pass \`cursor\` to page, \`limit\` up to 200. Unknown query parameters are a 400.
- Errors are RFC 9457 \`application/problem+json\` with a stable \`code\`; validation errors list every field as a JSON pointer.
- Every mutable resource has a \`version\` and an \`ETag\`. PATCH and DELETE require \`If-Match\` (428 without, 412 when stale).
- Creating POSTs accept \`Idempotency-Key\`: the same key and body returns the first response again.
- Ids of another organisation answer 404.`;

// For the municipality's own HR systems and integrations, not the public: x-internal.
const thisInstallation = {
  url: '/',
  description: 'This installation (production, staging or local: the server that serves this document).',
  'x-internal': true,
};

export async function registerOpenApi(app: FastifyInstance) {
  declarePipelineProblems(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lagverk API',
        version: '1.0.0',
        description: apiDescription,
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
        // Each municipality runs its own installation, so the contact is its operator, not the project.
        contact: { name: 'The IT department of the municipality running this installation' },
      },
      servers: [thisInstallation],
      tags: [
        { name: 'Organisation', description: 'The municipality (tenant) the caller belongs to.' },
        { name: 'Units', description: 'Service areas, units and sections: the organisation tree.' },
        { name: 'People', description: 'Employees, kept in sync by HR through `externalId`.' },
        { name: 'Import', description: 'Bulk import of units and people from CSV files: all or nothing, with a dry run.' },
        { name: 'Teams', description: 'Work teams (arbeidslag): proposal, approval, members, assessment and timeline.' },
        { name: 'Results', description: "A team's results: concrete changes with before/after measures and evidence." },
        { name: 'Evaluations', description: "Team evaluations: the team's self-assessment and its managers' assessment against an evaluation criteria set, a conclusion, and the schedule of when each team is due." },
        { name: 'Criteria', description: 'Criteria sets for establishing and evaluating teams: drafts, published versions, revisions.' },
        { name: 'Surveys', description: 'Survey templates and rounds (baselines and follow-ups): questions per effect goal, who is invited, when answers are taken, and how many have answered.' },
        { name: 'Survey answering', description: 'The anonymous answer form, for a personal invitation or a shared link: no account, and nothing stored that says who answered or when.' },
        { name: 'Survey results', description: "A finished survey round's aggregated results, heatmap, trend across rounds and text answers: each figure hidden when too few answered." },
        { name: 'Follow-up actions', description: 'What units and teams do about survey results: owners, deadlines, the people involved and regular reviews.' },
        { name: 'Arenas', description: 'Arenas for experience sharing (network meetings, the tripartite workshop, the administration committee …) with their composition; meetings with agenda, minutes, decisions and follow-up items; invitations, answers and attendance; the personal calendar and its iCalendar feed.' },
        { name: 'Experiences', description: 'The experience library: what teams tried, what worked and what did not, with comments and "useful" marks; Norwegian full-text search over experiences, teams and results; good examples shared between the organisations on the installation.' },
        { name: 'Competence', description: 'Competence measures (courses, workshops, guidance, e-learning) for coordinators, members, unit managers or named teams: sessions, enrolment, attendance and hours; the year\'s plan against what was done; hours per person, team and unit; completions imported from a learning platform.' },
        { name: 'News', description: 'News and announcements on the home page, for everyone or some units, and the showcase of teams and their latest results.' },
        { name: 'Change processes', description: 'Open change processes (omstilling): mandate, phases, project group and affected units; site visits, interviews, staff meetings, process days and project-group meetings; questions and published answers; the communication plan and its timeline.' },
        { name: 'Organisation charts', description: "Organisation-chart proposals in a change process: drawn from the unit tree, compared with the current structure, commented on in rounds, and applied to the unit tree in one transaction when decided." },
        { name: 'Tripartite agreements', description: 'Agreements on how politicians, administration and union representatives cooperate, with every version kept.' },
        { name: 'Notifications', description: "The signed-in person's notifications (invitations, approvals, due evaluations) and their choice of what reaches them in the app and by email." },
        { name: 'Dashboard', description: "The effect dashboard (aggregates for the whole organisation or a unit) and the organisation's public dashboard: its settings and the public page." },
        { name: 'Reports', description: 'The management review of the programme for a period, as data and as a tagged PDF.' },
        { name: 'Sign-in and sessions', description: 'Signing in with email and password, the signed-in user, their sessions and password.' },
        { name: 'Accounts', description: "People's accounts and the roles granted on them (administrators)." },
        { name: 'Single sign-on', description: 'The OpenID Connect providers (Entra ID, Feide, others) an organisation signs in with (administrators).' },
        { name: 'Integration tokens', description: 'Bearer tokens for HR systems and other integrations, with scopes (administrators).' },
        { name: 'Audit trail', description: 'Every change: who, when, what, before and after (administrators).' },
        { name: 'Operations', description: 'Liveness and readiness for load balancers and orchestrators.' },
      ],
      components: {
        securitySchemes: {
          bearerToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'An integration token (`lvk_…`) made by an administrator, with scopes. Send `Authorization: Bearer <token>`.',
          },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: '__Host-lagverk',
            description: 'The web client\'s session, set by `POST /api/v1/auth/session` (named `lagverk_session` where cookies are not Secure, in development). Writes must also send `X-CSRF-Token`.',
          },
        },
      },
      // Every route needs one of the two, unless it says otherwise (sign-in, health).
      security: [{ bearerToken: [] }, { sessionCookie: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { permission: 'public' } }, async () => app.swagger());
}
