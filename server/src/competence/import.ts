import type { Kysely } from 'kysely';
import { CompetenceImportRow, type CompetenceImportAction, type CompetenceImportReport } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { lockOrganisation } from '../db/versioned.ts';
import { compileBodySchema } from '../http/validation.ts';
import { readCsv } from '../imports/csv.ts';
import { ImportErrors } from '../imports/errors.ts';
import { hoursOf } from './repository.ts';

// Completions from a learning platform's CSV export: who (employee number or email), which
// measure (its course code), when, and how many hours. All or nothing, as the units and
// people imports: every bad row is listed with its line, and nothing is saved when any row
// fails. A completion is one per person, measure and day, so importing the same file
// twice changes nothing the second time.

const columns = ['employeeNumber', 'email', 'courseCode', 'completedOn', 'hours'] as const;
const required = ['courseCode', 'completedOn'];
const validate = compileBodySchema(CompetenceImportRow);

interface Completion {
  line: number;
  personId: string;
  measureId: string;
  completedOn: string;
  hours: number;
}

/** Thrown to roll the transaction back while keeping the report. */
class RolledBack extends Error {
  constructor(readonly report: CompetenceImportReport) {
    super('rolled back');
  }
}

/** A cell as the schema wants it: numbers (with a decimal comma, as Norwegian Excel writes) as numbers. */
function rowValues(cells: Map<string, string>, line: number, errors: ImportErrors) {
  const values: Record<string, unknown> = {};
  for (const [column, text] of cells) {
    if (text === '') continue;
    if (column === 'hours') {
      const hours = /^\d{1,4}([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : Number.NaN;
      if (Number.isNaN(hours)) {
        errors.add(line, column, 'must be a number of hours, such as 2 or 1,5', 'type');
        continue;
      }
      values.hours = hours;
    } else values[column] = column === 'email' ? text.toLowerCase() : text;
  }
  return values;
}

function messageFor(keyword: string, column: string) {
  if (keyword === 'required') return 'is required';
  if (column === 'completedOn') return 'must be a date such as 2026-03-15';
  if (column === 'email') return 'is not a valid email address';
  if (column === 'hours') return 'must be between 0 and 1000';
  return 'has characters that are not allowed here';
}

export async function importCompletions(db: Kysely<DB>, organisationId: string, text: string, options: { dryRun: boolean }): Promise<CompetenceImportReport> {
  const errors = new ImportErrors();
  const table = readCsv(text, columns, required, errors);
  if (table.records.length > 0 && !table.records[0]!.cells.has('employeeNumber') && !table.records[0]!.cells.has('email')) {
    throw errors.add(1, 'employeeNumber', 'or email is a required column: it names the person', 'missing-column').refusal();
  }
  try {
    return await db.transaction().execute(async (trx) => {
      // Imports of one organisation run one at a time, so a completion is never created twice.
      await lockOrganisation(trx, organisationId);
      const people = await trx.selectFrom('people').select(['id', 'external_id', 'email']).where('organisation_id', '=', organisationId).execute();
      const byNumber = new Map(people.filter((p) => p.external_id !== null).map((p) => [p.external_id!, p.id]));
      const byEmail = new Map(people.filter((p) => p.email !== null).map((p) => [p.email!.toLowerCase(), p.id]));
      const measures = await trx.selectFrom('competence_measures').select(['id', 'external_key', 'planned_hours'])
        .where('organisation_id', '=', organisationId).where('external_key', 'is not', null).execute();
      const byCode = new Map(measures.map((m) => [m.external_key!, m]));

      const completions: Completion[] = [];
      const seen = new Map<string, number>();
      for (const { line, cells } of table.records) {
        const values = rowValues(cells, line, errors);
        if (!validate(values)) {
          const reported = new Set<string>();
          for (const e of validate.errors ?? []) {
            const column = e.keyword === 'required' ? String((e.params as { missingProperty: string }).missingProperty) : e.instancePath.slice(1);
            if (e.schemaPath.includes('/anyOf/') || reported.has(column)) continue;
            reported.add(column);
            errors.add(line, column || null, messageFor(e.keyword, column), e.keyword);
          }
          continue;
        }
        const row = values as CompetenceImportRow;
        const fromNumber = row.employeeNumber !== undefined ? byNumber.get(row.employeeNumber) : undefined;
        const fromEmail = row.email !== undefined ? byEmail.get(row.email) : undefined;
        if (row.employeeNumber === undefined && row.email === undefined) {
          errors.add(line, 'employeeNumber', 'or email is required: it names the person', 'required');
        } else if (row.employeeNumber !== undefined && fromNumber === undefined) {
          errors.add(line, 'employeeNumber', 'names nobody: no person in the organisation has this employee number (externalId)', 'unknown-reference');
        } else if (row.employeeNumber === undefined && fromEmail === undefined) {
          errors.add(line, 'email', 'names nobody: no person in the organisation has this email', 'unknown-reference');
        } else if (fromNumber !== undefined && row.email !== undefined && fromEmail !== fromNumber) {
          errors.add(line, 'email', 'is not the email of the person with this employee number', 'mismatch');
        }
        const measure = byCode.get(row.courseCode);
        if (!measure) errors.add(line, 'courseCode', 'names no measure: none in the organisation has this course code (externalKey)', 'unknown-reference');
        const personId = fromNumber ?? fromEmail;
        if (errors.has(line) || !personId || !measure) continue;
        const key = `${personId} ${measure.id} ${row.completedOn}`;
        const first = seen.get(key);
        if (first !== undefined) {
          errors.add(line, null, `is the same completion as line ${first}`, 'duplicate');
          continue;
        }
        seen.set(key, line);
        completions.push({ line, personId, measureId: measure.id, completedOn: row.completedOn, hours: row.hours ?? Number(measure.planned_hours) });
      }
      if (errors.count > 0) throw errors.refusal();

      const rows: CompetenceImportReport['rows'] = [];
      for (const c of completions) {
        const stored = await trx.selectFrom('competence_enrolments').select(['id', 'hours']).where('organisation_id', '=', organisationId)
          .where('measure_id', '=', c.measureId).where('person_id', '=', c.personId).where('completed_on', '=', c.completedOn)
          .where('session_id', 'is', null).executeTakeFirst();
        const hours = Math.round(c.hours * 10) / 10;
        let action: CompetenceImportAction = 'unchanged';
        if (!stored) {
          action = 'create';
          await trx.insertInto('competence_enrolments').values({
            organisation_id: organisationId, measure_id: c.measureId, session_id: null, person_id: c.personId,
            status: 'attended', hours, completed_on: c.completedOn, source: 'import',
          }).execute();
        } else if (hoursOf(stored.hours) !== hours) {
          action = 'update';
          await trx.updateTable('competence_enrolments').set({ hours, version: (eb) => eb('version', '+', 1), updated_at: new Date() })
            .where('organisation_id', '=', organisationId).where('id', '=', stored.id).execute();
        }
        rows.push({ line: c.line, personId: c.personId, measureId: c.measureId, completedOn: c.completedOn, hours, action });
      }
      const count = (action: CompetenceImportAction) => rows.filter((r) => r.action === action).length;
      const report = { dryRun: options.dryRun, created: count('create'), updated: count('update'), unchanged: count('unchanged'), rows };
      if (options.dryRun) throw new RolledBack(report);
      return report;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.report;
    throw error;
  }
}
