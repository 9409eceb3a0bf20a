import Type, { type Static } from 'typebox';
import { Email, ExternalId, Phone, Problem, ProblemFieldError, Text } from './common.ts';
import { UnitKind } from './units.ts';

// Bulk import of units and people from CSV files (an HR or payroll system's export). A
// file is a header line of column names, then one row per unit or person, keyed by
// `externalId`. Each row is checked against the schema below once its empty cells are
// left out: a column missing from the file leaves that field of existing rows as it is,
// an empty cell clears it.

/** One row of a units file. `parentExternalId` and `managerExternalId` name rows by their externalId. */
export const UnitImportRow = Type.Object(
  {
    externalId: ExternalId,
    name: Text(200),
    kind: UnitKind,
    parentExternalId: Type.Optional(ExternalId),
    managerExternalId: Type.Optional(ExternalId),
    description: Type.Optional(Text(2000)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UnitImportRow = Static<typeof UnitImportRow>;

/** One row of a people file. `unitExternalId` names the person's unit by its externalId. */
export const PersonImportRow = Type.Object(
  {
    externalId: ExternalId,
    name: Text(200),
    email: Type.Optional(Email),
    phone: Type.Optional(Phone),
    title: Type.Optional(Text(200)),
    profession: Type.Optional(Text(100)),
    unitExternalId: Type.Optional(ExternalId),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PersonImportRow = Static<typeof PersonImportRow>;

/** At most this many rows per file; larger exports are split. */
export const importMaxRows = 10_000;

export const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(
      Type.Boolean({ default: false, description: 'Check the file and report what would change, without saving anything.' }),
    ),
  },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuery>;

export const ImportAction = Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('unchanged')]);
export type ImportAction = Static<typeof ImportAction>;

const Count = Type.Integer({ format: 'int32', minimum: 0, maximum: importMaxRows });

export const ImportRowReport = Type.Object(
  {
    line: Type.Integer({ format: 'int32', minimum: 2, maximum: 2147483647, description: 'The line of the file where the row starts.' }),
    externalId: ExternalId,
    action: ImportAction,
    changes: Type.Optional(
      Type.Array(Type.String({ maxLength: 64, pattern: '^[A-Za-z]+$' }), {
        maxItems: 16,
        description: 'For an update: the columns whose values changed.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ImportRowReport = Static<typeof ImportRowReport>;

export const ImportReport = Type.Object(
  {
    dryRun: Type.Boolean({ description: 'True when nothing was saved: the report tells what a real import would do.' }),
    created: Count,
    updated: Count,
    unchanged: Count,
    rows: Type.Array(ImportRowReport, { maxItems: importMaxRows, description: 'Every row of the file, in file order.' }),
  },
  {
    additionalProperties: false,
    description: 'What the import did (or, in a dry run, would do) with each row.',
    examples: [
      {
        dryRun: false,
        created: 1,
        updated: 1,
        unchanged: 1,
        rows: [
          { line: 2, externalId: 'HR-10442', action: 'create' },
          { line: 3, externalId: 'HR-10443', action: 'update', changes: ['title', 'unitExternalId'] },
          { line: 4, externalId: 'HR-10444', action: 'unchanged' },
        ],
      },
    ],
  },
);
export type ImportReport = Static<typeof ImportReport>;

/**
 * The refusal of an invalid file: `errors` lists every bad row and field, however many,
 * as `/csv/<line>/<column>` (or `/csv/<line>` for the row as a whole).
 */
export const ImportProblem = Type.Object(
  {
    ...Problem.properties,
    errors: Type.Optional(Type.Array(ProblemFieldError, { maxItems: 100_000 })),
  },
  {
    additionalProperties: false,
    description: 'RFC 9457 problem details; for `import-invalid` every error in the file.',
    examples: [
      {
        type: 'urn:lagverk:problem:import-invalid',
        title: 'Unprocessable request',
        status: 422,
        detail: 'The file has 2 errors in 2 rows; nothing was imported.',
        instance: '/api/v1/imports/people',
        code: 'import-invalid',
        requestId: 'req-1',
        errors: [
          { path: '/csv/3/email', message: 'must match format "email"', code: 'format' },
          { path: '/csv/7/externalId', message: 'is required', code: 'required' },
        ],
      },
    ],
  },
);
export type ImportProblem = Static<typeof ImportProblem>;
