import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Dashboard, DashboardQuery } from '@lagverk/shared';
import type { Kysely } from 'kysely';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { json, problemResponses } from '../http/responses.ts';
import { buildDashboard } from './service.ts';

const tags = ['Dashboard'];

export const dashboardRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/dashboard', {
    config: { permission: 'dashboard:read' },
    schema: {
      operationId: 'getDashboard', tags, summary: 'The effect dashboard',
      description: 'How the programme is doing, in aggregates only: survey means per effect goal and indicator for each closed round up to `to` (each hidden, with the reason, where the survey results would hide it), teams by status and how many units and professions the active ones span, results achieved in the period by category, evaluations closed in the period and teams due or overdue for one today, open follow-up actions with those past their review date, and competence hours credited in the period and the people who took part (in total and per target role; hidden for one or two people), arena meetings held in the period by arena type with their attendance, and experiences shared in the period with how many were marked useful. `unitId` narrows every figure to the teams that involve the unit or a unit below it (and the survey answers given there, the competence of the people placed there, the experiences of those teams), except the arenas, which belong to the whole organisation and are never narrowed; an unknown unit is a 404. The period is `from`–`to`, both days included (by default the year up to today); `from` after `to` is a 400.',
      querystring: DashboardQuery,
      response: { 200: json(Dashboard, 'The figures.'), ...problemResponses(404) },
    },
  }, async (request) => buildDashboard(db, actorOf(request).organisationId, request.query));
};
