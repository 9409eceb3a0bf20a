import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ManagementReview, ManagementReviewQuery } from '@lagverk/shared';
import type { Kysely } from 'kysely';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { json, problemResponses } from '../http/responses.ts';
import { managementReview } from './management-review.ts';
import { renderManagementReviewPdf } from './pdf.ts';

const tags = ['Reports'];

const contents = 'For the period `from`–`to` (both days included; by default the year up to today): the procedures (criteria sets published now or used in the period, with their versions, and the lifecycle steps teams took: proposed, approved, rejected, started, concluded), teams by status and their composition, results achieved (counts by category and, newest first, up to 200 titles with their team), evaluations (closed in the period, due and overdue today), survey means per effect goal and indicator for the rounds closed up to `to` (hidden where too few answered), the open follow-up actions, and competence hours credited with the people who took part (hidden for one or two people), arena meetings held by type with their attendance, and experiences shared with how many were marked useful. Aggregates and titles only: no person is named. `from` after `to` is a 400.';

export const reportRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/reports/management-review', {
    config: { permission: 'dashboard:read' },
    schema: {
      operationId: 'getManagementReview', tags, summary: 'The management review, as data',
      description: `The management review (ledelsens gjennomgang) of the programme. ${contents}`,
      querystring: ManagementReviewQuery,
      response: { 200: json(ManagementReview, 'The review.'), ...problemResponses() },
    },
  }, async (request) => managementReview(db, actorOf(request).organisationId, request.query));

  app.get('/reports/management-review.pdf', {
    config: { permission: 'dashboard:read' },
    schema: {
      operationId: 'getManagementReviewPdf', tags, summary: 'The management review, as a PDF',
      description: `The same review as \`GET /reports/management-review\`, as a tagged PDF (headings, paragraphs and lists in a structure tree, the language and title set) in the organisation's written standard (bokmål or nynorsk), to file or print. ${contents}`,
      querystring: ManagementReviewQuery,
      response: {
        200: {
          description: 'The PDF, with `Content-Disposition: attachment` and a file name that names the period.',
          headers: {
            'Content-Disposition': { type: 'string', maxLength: 200, description: 'attachment, with the file name.', example: 'attachment; filename="ledelsens-gjennomgang-2026-01-01-2026-12-31.pdf"' },
          },
          content: { 'application/pdf': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', maxLength: 100 * 1024 * 1024 }) } },
        },
        ...problemResponses(),
      },
    },
  }, async (request, reply) => {
    const review = await managementReview(db, actorOf(request).organisationId, request.query);
    const pdf = await renderManagementReviewPdf(review);
    const name = review.organisation.writtenStandard === 'nn' ? 'leiinga-sin-gjennomgang' : 'ledelsens-gjennomgang';
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${name}-${review.period.from}-${review.period.to}.pdf"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-cache')
      .send(pdf);
  });
};
