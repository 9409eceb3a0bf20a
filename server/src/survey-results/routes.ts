import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  IdParams, SurveyHeatmap, SurveyResults, SurveyResultsQuery, SurveyTextAnswers, SurveyTextQuery, SurveyTrend, SurveyTrendQuery,
} from '@lagverk/shared';
import type { Kysely } from 'kysely';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { json, problemResponses } from '../http/responses.ts';
import { resultsCsv } from './csv.ts';
import { roundHeatmap, roundResults, templateTrend } from './service.ts';
import { textAnswers } from './text.ts';
import { resultsXlsx } from './xlsx.ts';

// Survey results: aggregates of a finished round, each figure hidden when too few answered.

const tags = ['Survey results'];

const hiding = 'A figure is shown only when at least the round\'s `minRespondents` answered it in that group; otherwise it comes back as `{ suppressed: true, reason }` with no number at all. `reason` is `belowMinimum`, or `differencing` where showing it beside the figures around it would let someone subtract their way to a group below the minimum: in the unit tree (a unit minus its shown units below), for a team or the members of teams against everyone, and between any two groups that share respondents (two teams, a team and a unit, a unit and the members of teams or the rest) when either has 1 to `minRespondents` − 1 respondents the other lacks. Then the team is hidden (of two teams the smaller; against a unit, the members of teams and the rest are both hidden); a unit never is, so every breakdown of the round hides the same figures. A team is also hidden when it is nearly (fewer than `minRespondents` apart either way) a unit the unit tree hides, or breaks that rule against a unit minus its shown units below. Sums of three or more other figures are not checked.';
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const notClosed = 'Only for a closed round, or one whose closing time has passed (409 `round-not-closed` otherwise): figures that change while answers arrive would show single answers.';

export const surveyResultRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/survey-rounds/:id/results', {
    config: { permission: 'surveyResults:read' },
    schema: {
      operationId: 'getSurveyResults', tags, summary: "A round's results",
      description: `The response rate, and per question the number who answered, the distribution and the mean; per indicator and effect goal the mean of their scale questions. For the whole organisation, and with \`groupBy\` per unit (with the units below it), per team, or members of teams against the rest. Background questions are reported for the whole organisation only. ${hiding} ${notClosed}`,
      params: IdParams, querystring: SurveyResultsQuery,
      response: { 200: json(SurveyResults, 'The results.'), ...problemResponses(404, 409) },
    },
  }, async (request) => roundResults(db, actorOf(request).organisationId, request.params.id, request.query.groupBy ?? 'none'));

  app.get('/survey-rounds/:id/results/heatmap', {
    config: { permission: 'surveyResults:read' },
    schema: {
      operationId: 'getSurveyResultsHeatmap', tags, summary: 'Units × effect goals',
      description: `For every unit (with the units below it), in tree order, the mean of each effect goal's scale questions and how many answered them. ${hiding} ${notClosed}`,
      params: IdParams,
      response: { 200: json(SurveyHeatmap, 'The heatmap.'), ...problemResponses(404, 409) },
    },
  }, async (request) => roundHeatmap(db, actorOf(request).organisationId, request.params.id));

  app.get('/survey-results/trend', {
    config: { permission: 'surveyResults:read' },
    schema: {
      operationId: 'getSurveyTrend', tags, summary: 'Trend across the rounds of a template',
      description: 'For each finished round of the template (the baseline first, then the follow-ups, each by when it opened): the organisation\'s mean and respondents per effect goal and indicator, each hidden below that round\'s minimum. Open and draft rounds are left out.',
      querystring: SurveyTrendQuery,
      response: { 200: json(SurveyTrend, 'The trend.'), ...problemResponses(404) },
    },
  }, async (request) => templateTrend(db, actorOf(request).organisationId, request.query.templateId));

  app.get('/survey-rounds/:id/results/text', {
    config: { permission: 'surveyResults:read' },
    schema: {
      operationId: 'listSurveyTextAnswers', tags, summary: 'Text answers to a question',
      description: `The answers to a text question for the whole organisation (never per group), when at least the round's \`minTextRespondents\` wrote one; otherwise \`{ suppressed: true, reason: 'belowMinimum' }\` without a count. The order is shuffled, the same for every page of one question and different from question to question, so answers can be neither dated nor lined up across questions. 404 when the question is not in the round's template; 422 \`not-a-text-question\`. ${notClosed}`,
      params: IdParams, querystring: SurveyTextQuery,
      response: { 200: json(SurveyTextAnswers, 'A page of the text answers, or why they are hidden.'), ...problemResponses(404, 409, 422) },
    },
  }, async (request) => textAnswers(db, actorOf(request).organisationId, request.params.id, request.query));

  app.get('/survey-rounds/:id/results.csv', {
    config: { permission: 'surveyResults:read' },
    schema: {
      operationId: 'exportSurveyResults', tags, summary: "A round's results as CSV",
      description: `The results of GET …/results (with the same \`groupBy\`) as a spreadsheet: UTF-8 with BOM, \`;\`-separated, decimal comma; one line per group and figure (respondents, each question, effect goal and indicator) with \`n\`, \`mean\` and \`distribution\` (\`value:count\` pairs). A hidden figure has no number, only \`hidden\` with the reason. ${notClosed}`,
      params: IdParams, querystring: SurveyResultsQuery,
      response: {
        200: {
          description: 'The results.',
          headers: { 'Content-Disposition': { type: 'string', maxLength: 200, example: 'attachment; filename="resultater.csv"' } },
          content: { 'text/csv': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', maxLength: 100 * 1024 * 1024 }) } },
        },
        ...problemResponses(404, 409),
      },
    },
  }, async (request, reply) => {
    const results = await roundResults(db, actorOf(request).organisationId, request.params.id, request.query.groupBy ?? 'none');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="resultater.csv"')
      .header('cache-control', 'private, no-cache')
      .send(Buffer.from(resultsCsv(results), 'utf8'));
  });

  app.get('/survey-rounds/:id/results.xlsx', {
    config: { permission: 'surveyResults:read' },
    schema: {
      operationId: 'exportSurveyResultsXlsx', tags, summary: "A round's results as an Excel workbook",
      description: `The lines of GET …/results.csv (with the same \`groupBy\`) as an Excel workbook (XLSX): one sheet, \`Resultater\`, with the CSV's columns, the header row in bold; \`n\`, \`mean\` and \`position\` are number cells. A hidden figure's \`n\`, \`mean\` and \`distribution\` are empty cells, and \`hidden\` holds the reason. ${notClosed}`,
      params: IdParams, querystring: SurveyResultsQuery,
      response: {
        200: {
          description: 'The results.',
          headers: { 'Content-Disposition': { type: 'string', maxLength: 200, example: 'attachment; filename="resultater.xlsx"' } },
          content: { [xlsxType]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', maxLength: 100 * 1024 * 1024 }) } },
        },
        ...problemResponses(404, 409),
      },
    },
  }, async (request, reply) => {
    // Built from the same results as the JSON and the CSV: hidden figures are hidden already.
    const results = await roundResults(db, actorOf(request).organisationId, request.params.id, request.query.groupBy ?? 'none');
    return reply
      .header('content-type', xlsxType)
      .header('content-disposition', 'attachment; filename="resultater.xlsx"')
      .header('cache-control', 'private, no-cache')
      .send(await resultsXlsx(results));
  });
};
