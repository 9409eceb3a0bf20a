import type { PersonImportRow, PersonUpsert } from '@lagverk/shared';
import type { PersonRow } from '../db/types.ts';
import { upsertPersonIn } from '../people/service.ts';
import type { ImportRow } from './rows.ts';
import { attempt, changedColumns, keep, outcome, type ImportContext, type RowOutcome } from './context.ts';

interface Plan {
  line: number;
  valid: boolean;
  externalId: string;
  before: PersonRow | undefined;
  after: Required<PersonUpsert>;
  changes: string[];
}

export async function applyPeople(context: ImportContext, rows: ImportRow<PersonImportRow>[]): Promise<RowOutcome[]> {
  const { trx, organisationId, errors, actorPersonId } = context;
  const everyone = await trx.selectFrom('people').selectAll().where('organisation_id', '=', organisationId).execute();
  const stored = new Map(everyone.filter((p) => p.external_id !== null).map((p) => [p.external_id!, p]));
  const units = await trx.selectFrom('units').select(['id', 'external_id'])
    .where('organisation_id', '=', organisationId).where('external_id', 'is not', null).execute();
  const unitIds = new Map(units.map((u) => [u.external_id!, u.id]));

  const plans = rows.map(({ line, externalId, cells, valid }): Plan => {
    // An invalid row is planned too, so that its email is checked against the others.
    const before = externalId ? stored.get(externalId) : undefined;
    const unit = cells.unitExternalId;
    if (unit && !unitIds.has(unit)) {
      errors.add(line, 'unitExternalId', 'names no unit: none in the organisation has this externalId (import the units first)', 'unknown-reference');
    }
    const after = {
      name: cells.name!,
      email: keep(cells.email, before?.email),
      phone: keep(cells.phone, before?.phone),
      title: keep(cells.title, before?.title),
      profession: keep(cells.profession, before?.profession),
      unitId: unit === undefined ? (before?.unit_id ?? null) : unit === null ? null : (unitIds.get(unit) ?? null),
      // An empty cell keeps the current state, like a missing column; new people are active.
      active: cells.active ?? before?.active ?? true,
    };
    // Deactivating oneself would end one's own access (as on POST /people/{id}/deactivate).
    if (before && before.id === actorPersonId && before.active && !after.active) {
      errors.add(line, 'active', 'is you: you cannot deactivate yourself; ask another administrator or HR', 'own-account');
    }
    const changes = before
      ? changedColumns({
        name: [before.name, after.name],
        email: [before.email, after.email],
        phone: [before.phone, after.phone],
        title: [before.title, after.title],
        profession: [before.profession, after.profession],
        unitExternalId: [before.unit_id, after.unitId],
        active: [before.active, after.active],
      })
      : [];
    return { line, valid, externalId, before, after, changes };
  });

  const handedOn = checkEmails(plans, everyone, context);
  const outcomes: RowOutcome[] = [];
  // An email one person gives up and another takes is taken after it is given up.
  for (const plan of [...plans.filter((p) => !handedOn.has(p)), ...handedOn]) {
    const { line, externalId, before, after, changes } = plan;
    if (!plan.valid || errors.has(line)) continue;
    const written = (before && changes.length === 0)
      || await attempt(context, line, null, () => upsertPersonIn(trx, organisationId, externalId, null, after), { savepoint: handedOn.has(plan) });
    if (written) outcomes.push(outcome(line, externalId, before !== undefined, changes));
  }
  return outcomes;
}

/**
 * Emails are unique in an organisation, whatever their case. Checked here for the whole
 * file at once, against the people stored, so every clash is listed (the database would
 * stop at the first). Returns the rows that take an email another person holds now and
 * gives up in this file.
 */
function checkEmails(plans: Plan[], everyone: PersonRow[], { errors }: ImportContext): Set<Plan> {
  const key = (email: string) => email.toLowerCase();
  const inFile = new Set(plans.map((p) => p.before?.id));
  const holderNow = new Map(everyone.filter((p) => p.email).map((p) => [key(p.email!), p.id]));
  // Who has each email once the file is in: first the people the file leaves alone...
  const claimedOnLine = new Map<string, number | null>();
  for (const person of everyone) if (person.email && !inFile.has(person.id)) claimedOnLine.set(key(person.email), null);
  // ...then the rows that keep their email, then those that take one, in file order.
  const takesEmail = (p: Plan) => p.after.email !== (p.before?.email ?? null);
  const ordered = [...plans].sort((a, b) => Number(takesEmail(a)) - Number(takesEmail(b)) || a.line - b.line);
  const handedOn = new Set<Plan>();
  for (const plan of ordered) {
    const email = plan.after.email;
    if (!email) continue;
    const claimed = claimedOnLine.get(key(email));
    if (claimed !== undefined) {
      errors.add(plan.line, 'email', claimed === null ? 'is already used by another person in the organisation' : `is on line ${claimed} too`, 'duplicate');
      continue;
    }
    claimedOnLine.set(key(email), plan.line);
    const holder = holderNow.get(key(email));
    if (holder !== undefined && holder !== plan.before?.id) handedOn.add(plan);
  }
  return handedOn;
}
