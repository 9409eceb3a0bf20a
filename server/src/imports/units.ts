import type { UnitImportRow } from '@lagverk/shared';
import type { UnitRow } from '../db/types.ts';
import { setUnitActiveIn, upsertUnitIn } from '../units/service.ts';
import type { ImportRow } from './rows.ts';
import { attempt, changedColumns, keep, outcome, type ImportContext, type RowOutcome } from './context.ts';

// Units are written parents first, so a row may name a parent on a later line of the
// file; units are deactivated last and children first, as the tree's rules need.

type Row = ImportRow<UnitImportRow>;

export async function applyUnits(context: ImportContext, rows: Row[]): Promise<RowOutcome[]> {
  const { trx, organisationId, errors, fileIds } = context;
  const stored = new Map<string, UnitRow>();
  for (const unit of await trx.selectFrom('units').selectAll().where('organisation_id', '=', organisationId).where('external_id', 'is not', null).execute()) {
    stored.set(unit.external_id!, unit);
  }
  const unitIds = new Map([...stored].map(([externalId, unit]) => [externalId, unit.id]));
  const personIds = rows.some((r) => r.cells.managerExternalId) ? await personIdsByExternalId(context) : new Map<string, string>();
  const valid = rows.filter((r) => r.valid);
  const inFile = new Map(valid.map((r) => [r.externalId, r]));

  for (const { line, cells } of rows) {
    if (cells.parentExternalId && !fileIds.has(cells.parentExternalId) && !unitIds.has(cells.parentExternalId)) {
      errors.add(line, 'parentExternalId', 'names no unit: none in this file or the organisation has this externalId', 'unknown-reference');
    }
    if (cells.managerExternalId && !personIds.has(cells.managerExternalId)) {
      errors.add(line, 'managerExternalId', 'names no person: nobody in the organisation has this externalId', 'unknown-reference');
    }
  }

  const outcomes: RowOutcome[] = [];
  const skipped = new Set<string>();
  const toDeactivate: { row: Row; id: string }[] = [];
  for (const row of parentsFirst(valid, inFile, context)) {
    const { line, externalId, cells } = row;
    const parent = cells.parentExternalId;
    // A row below a bad row is not an error of its own; the bad row is reported.
    if (errors.has(line) || (parent && (skipped.has(parent) || (fileIds.has(parent) && !inFile.has(parent))))) {
      skipped.add(externalId);
      continue;
    }
    const before = stored.get(externalId);
    const after = {
      name: cells.name!,
      kind: cells.kind!,
      parentId: parent === undefined ? (before?.parent_id ?? null) : parent === null ? null : unitIds.get(parent)!,
      managerId: cells.managerExternalId === undefined ? (before?.manager_id ?? null)
        : cells.managerExternalId === null ? null : personIds.get(cells.managerExternalId)!,
      description: keep(cells.description, before?.description),
      // An empty cell keeps the current state, like a missing column; new units are active.
      active: cells.active ?? before?.active ?? true,
    };
    const changes = before
      ? changedColumns({
        name: [before.name, after.name],
        kind: [before.kind, after.kind],
        parentExternalId: [before.parent_id, after.parentId],
        managerExternalId: [before.manager_id, after.managerId],
        description: [before.description, after.description],
        active: [before.active, after.active],
      })
      : [];
    const written = before && changes.length === 0 ? true : await attempt(context, line, null, async () => {
      if (!before || changes.some((c) => c !== 'active')) {
        const { active, ...fields } = after;
        const { row: saved } = await upsertUnitIn(trx, organisationId, externalId, null, fields, active);
        unitIds.set(externalId, saved.id);
      }
      if (before && !before.active && after.active) await setUnitActiveIn(trx, organisationId, before.id, null, true);
    });
    if (!written) {
      skipped.add(externalId);
      continue;
    }
    if (before?.active && !after.active) toDeactivate.push({ row, id: before.id });
    outcomes.push(outcome(line, externalId, before !== undefined, changes));
  }
  for (const { row, id } of toDeactivate.reverse()) {
    await attempt(context, row.line, 'active', () => setUnitActiveIn(trx, organisationId, id, null, false));
  }
  return outcomes;
}

async function personIdsByExternalId({ trx, organisationId }: ImportContext) {
  const people = await trx.selectFrom('people').select(['id', 'external_id'])
    .where('organisation_id', '=', organisationId).where('external_id', 'is not', null).execute();
  return new Map(people.map((p) => [p.external_id!, p.id]));
}

/**
 * The rows in an order where each comes after its parent in the file. Rows whose parents
 * loop back to them are errors (the order cannot exist), and rows below a loop are left out.
 */
function parentsFirst(rows: Row[], inFile: Map<string, Row>, { errors }: ImportContext): Row[] {
  const depth = new Map<string, number | 'loop'>();
  for (const start of rows) {
    const path: Row[] = [];
    const onPath = new Map<Row, number>();
    let row: Row | undefined = start;
    let base: number | 'loop' = -1;
    while (row) {
      const known = depth.get(row.externalId);
      if (known !== undefined) {
        base = known;
        break;
      }
      const at = onPath.get(row);
      if (at !== undefined) {
        const loop = path.slice(at);
        const names = [...loop, row].map((r) => r.externalId).join(' → ');
        for (const r of loop) {
          errors.add(r.line, 'parentExternalId', `makes a loop: ${names}`, 'unit-cycle');
          depth.set(r.externalId, 'loop');
        }
        path.length = at;
        base = 'loop';
        break;
      }
      onPath.set(row, path.length);
      path.push(row);
      row = row.cells.parentExternalId ? inFile.get(row.cells.parentExternalId) : undefined;
    }
    for (const r of path.reverse()) {
      base = base === 'loop' ? 'loop' : base + 1;
      depth.set(r.externalId, base);
    }
  }
  return rows.filter((r) => depth.get(r.externalId) !== 'loop')
    .sort((a, b) => (depth.get(a.externalId) as number) - (depth.get(b.externalId) as number) || a.line - b.line);
}
