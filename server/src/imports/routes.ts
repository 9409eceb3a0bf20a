import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import Type from 'typebox';
import { ImportProblem, ImportQuery, ImportReport, importMaxRows, Problem } from '@lagverk/shared';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { json, problemResponses } from '../http/responses.ts';
import { acceptCsvOnly, importBodyLimit } from './csv-body.ts';
import { importPeople, importUnits } from './service.ts';

const tags = ['Import'];

/** 10,000 rows of about a kilobyte each. */

const unitsExample = `externalId;name;kind;parentExternalId;managerExternalId;description;active
HO;Helse og omsorg;serviceArea;;;;ja
HO-HJT;Hjemmetjenesten;unit;HO;;"Heimesjukepleie; praktisk bistand";ja
HO-HJT-NORD;Hjemmetjenesten nord;section;HO-HJT;;;ja
`;

const peopleExample = `externalId;name;email;phone;title;profession;unitExternalId;active
HR-10442;Kari Nordmann;kari.nordmann@kommune.no;+47 412 34 567;Sykepleier;Sykepleie;HO-HJT-NORD;ja
HR-10443;Ola Sæther;ola.saether@kommune.no;;Vernepleier;Vernepleie;HO-HJT;ja
HR-10444;Åse Øren;;;;;;nei
`;

const csvBody = (example: string) =>
  Type.String({ maxLength: importBodyLimit, description: 'The CSV file, UTF-8 (a BOM is ignored).', examples: [example] });

const common = `The body is a CSV file (\`Content-Type: text/csv\`, UTF-8; a BOM is ignored). The first line names the columns, in any order and any case; fields are separated by \`;\` (as Norwegian Excel writes) or \`,\`, whichever the first line uses. Quote a field that holds the separator or a line break.

Each row is created or updated by \`externalId\` (required, unique in the file). A column left out of the file leaves that field as it is on existing rows; an empty cell clears it. \`active\` takes true/false, ja/nei, yes/no or 1/0; empty keeps the current state (new rows are active). Importing the same file again changes nothing and reports every row \`unchanged\`.

All or nothing: the import runs in one transaction, with the same rules as \`PUT …/by-external-id/{externalId}\`. An invalid file is refused with 422 \`import-invalid\`, whose \`errors\` list every bad row and column as \`/csv/<line>/<column>\`, and nothing is saved. \`dryRun=true\` runs the very same import and rolls it back, so its report is exactly what a real import would do. At most ${importMaxRows.toLocaleString('en')} rows and ${importBodyLimit / 1024 / 1024} MiB per file (413 beyond: split the file).`;

const problem = (description: string, schema: unknown = Problem) => ({ description, content: { 'application/problem+json': { schema } } });

const responses = {
  200: json(ImportReport, 'What was imported (or, in a dry run, would be): counts, and every row with its action.'),
  ...problemResponses(),
  413: problem('The file is over 10 MiB (`body-too-large`) or has over 10,000 rows (`too-many-rows`): split it.'),
  415: problem('The body is not `text/csv` in UTF-8.'),
  422: problem('The file is invalid (`import-invalid`): `errors` lists every bad row and column. Nothing was saved.', ImportProblem),
};

export const importRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  // Encapsulated: only these routes take CSV; every other route stays JSON-only.
  acceptCsvOnly(app);

  app.post('/imports/units', {
    config: { permission: 'units:write' },
    bodyLimit: importBodyLimit,
    schema: {
      operationId: 'importUnits', tags, summary: 'Import units from CSV',
      description: `Creates or updates service areas, units and sections from a CSV file.

Columns: \`externalId\`, \`name\`, \`kind\` (serviceArea, unit or section) are required; \`parentExternalId\` (the unit above, in the file or already stored; parents may come later in the file), \`managerExternalId\` (a person's externalId: import people first, or add managers in a second run), \`description\`, \`active\`. Deactivating a unit needs its sub-units and people deactivated or moved.

${common}

Example:

\`\`\`csv
${unitsExample}\`\`\``,
      consumes: ['text/csv'],
      querystring: ImportQuery,
      body: csvBody(unitsExample),
      response: responses,
    },
  }, async (request) => {
    const actor = actorOf(request);
    return importUnits(db, actor.organisationId, request.body, { dryRun: request.query.dryRun ?? false, actorPersonId: actor.personId });
  });

  app.post('/imports/people', {
    config: { permission: 'people:write' },
    bodyLimit: importBodyLimit,
    schema: {
      operationId: 'importPeople', tags, summary: 'Import people from CSV',
      description: `Creates or updates people (employees) from a CSV file, as an HR system exports them.

Columns: \`externalId\` and \`name\` are required; \`email\`, \`phone\`, \`title\`, \`profession\`, \`unitExternalId\` (a stored unit's externalId: import units first), \`active\`. Someone set inactive leaves their teams and loses their account's access, as with \`POST /people/{id}/deactivate\`.

${common}

Example:

\`\`\`csv
${peopleExample}\`\`\``,
      consumes: ['text/csv'],
      querystring: ImportQuery,
      body: csvBody(peopleExample),
      response: responses,
    },
  }, async (request) => {
    const actor = actorOf(request);
    return importPeople(db, actor.organisationId, request.body, { dryRun: request.query.dryRun ?? false, actorPersonId: actor.personId });
  });
};
