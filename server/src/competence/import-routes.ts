import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import Type from 'typebox';
import { CompetenceImportProblem, CompetenceImportQuery, CompetenceImportReport, importMaxRows, Problem } from '@lagverk/shared';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { json, problemResponses } from '../http/responses.ts';
import { acceptCsvOnly, importBodyLimit } from '../imports/csv-body.ts';
import { importCompletions } from './import.ts';

// POST /competence-imports: completions from a learning platform's CSV export. Its own
// plugin, so only this route takes text/csv (as server/src/imports does for units and people).

export const completionsExample = `employeeNumber;email;courseCode;completedOn;hours
HR-10442;;KURS-KOORD-1;2026-02-03;6
;ola.saether@kommune.no;EL-PERSONVERN;2026-02-10;1,5
`;

const problem = (description: string, schema: unknown = Problem) => ({ description, content: { 'application/problem+json': { schema } } });

export const competenceImportRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  // Encapsulated: only these routes take CSV; every other route stays JSON-only.
  acceptCsvOnly(app);

  app.post('/competence-imports', {
    config: { permission: 'competence:write' },
    bodyLimit: importBodyLimit,
    schema: {
      operationId: 'importCompetenceCompletions', tags: ['Competence'], summary: 'Import completions from CSV',
      description: `Records completed courses from a learning platform's CSV export (\`Content-Type: text/csv\`, UTF-8; \`;\` or \`,\` between fields, whichever the first line uses).

Columns, in any order and any case: \`employeeNumber\` (the person's externalId) and/or \`email\` — one of them names the person; \`courseCode\` (the measure's \`externalKey\`), \`completedOn\` (YYYY-MM-DD) and, optionally, \`hours\` (a decimal comma works; empty: the measure's planned hours).

Each row is a completion, one per person, measure and day: importing the same file again changes nothing and reports every row \`unchanged\`; other hours for the same completion are an \`update\`. All or nothing: an invalid file is refused with 422 \`import-invalid\`, whose \`errors\` list every bad row and column as \`/csv/<line>/<column>\`, and nothing is saved. \`dryRun=true\` runs the very same import and rolls it back. At most ${importMaxRows.toLocaleString('en')} rows.

Example:

\`\`\`csv
${completionsExample}\`\`\``,
      consumes: ['text/csv'],
      querystring: CompetenceImportQuery,
      body: Type.String({ maxLength: importBodyLimit, description: 'The CSV file, UTF-8 (a BOM is ignored).', examples: [completionsExample] }),
      response: {
        200: json(CompetenceImportReport, 'What was imported (or, in a dry run, would be).'),
        ...problemResponses(),
        413: problem('The file is over 10 MiB or has over 10,000 rows: split it.'),
        415: problem('The body is not `text/csv` in UTF-8.'),
        422: problem('The file is invalid (`import-invalid`): `errors` lists every bad row and column. Nothing was saved.', CompetenceImportProblem),
      },
    },
  }, async (request) => importCompletions(db, actorOf(request).organisationId, request.body, { dryRun: request.query.dryRun ?? false }));
};
