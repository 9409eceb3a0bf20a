import type { Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { demoDay, isoDay, type DemoPeople } from './demo-arenas.ts';

// The demo's change process, modelled on the source document (Fjaler kommune): health and
// care move from two levels to three, run openly with site visits, interviews, staff
// meetings, process days, a project group and a communication plan. This file makes the
// process itself; the parts of it (activities, questions, the communication plan,
// organisation-chart proposals) are seeded by their own files, given the process's id.

export const demoChangeProcessTitle = 'Ny organisering av helse og omsorg';

export interface DemoChange {
  processId: string;
  /** Phase ids by position (0: survey, 1: interviews, 2: staff meetings and process days, 3: proposal, 4: decision). */
  phaseIds: string[];
  /** The units the process affects: the health and care service area and its units. */
  affectedUnitIds: string[];
}

export async function seedDemoChange(trx: Transaction<DB>, organisationId: string, people: DemoPeople): Promise<DemoChange> {
  const area = await trx.selectFrom('units').select('id').where('organisation_id', '=', organisationId)
    .where('name', '=', 'Helse og omsorg').executeTakeFirstOrThrow();
  const units = await trx.selectFrom('units').select('id').where('organisation_id', '=', organisationId)
    .where('parent_id', '=', area.id).orderBy('name').execute();
  const affectedUnitIds = [area.id, ...units.map((u) => u.id)];
  const process = await trx.insertInto('change_processes').values({
    organisation_id: organisationId,
    title: demoChangeProcessTitle,
    mandate: 'Kommunestyret har vedtatt å gå fra en tonivåmodell til en trenivåmodell med kommunalsjefer under kommunedirektøren. '
      + 'Prosjektet skal foreslå en ny organisering av helse og omsorg som møter framtidens behov, med åpenhet og medvirkning i hvert trinn.',
    background: 'Helse og omsorg har store utfordringer i årene som kommer. Ledere og ansatte opplever at potensialet i tverrfaglig samarbeid ikke er tatt ut.',
    status: 'active',
    affected_unit_ids: affectedUnitIds,
  }).returning('id').executeTakeFirstOrThrow();

  // Dated around today, so the demo always has a phase under way.
  const phases = [
    { name: 'Befaring og samtaler med ledere', from: -120, to: -75 },
    { name: 'Intervjuer', from: -74, to: -45 },
    { name: 'Personalmøter og prosessdager', from: -44, to: -10 },
    { name: 'Forslag til organisasjonskart', from: -9, to: 30 },
    { name: 'Vedtak og gjennomføring', from: 31, to: 150 },
  ];
  const phaseIds: string[] = [];
  for (const [position, phase] of phases.entries()) {
    const row = await trx.insertInto('change_process_phases').values({
      organisation_id: organisationId, process_id: process.id, position, name: phase.name,
      starts_on: isoDay(demoDay(phase.from, 12)), ends_on: isoDay(demoDay(phase.to, 12)),
    }).returning('id').executeTakeFirstOrThrow();
    phaseIds.push(row.id);
  }

  const group = [
    { personId: people.account('radmann@lagvik.kommune.no'), role: 'projectLeader' as const },
    { personId: people.account('hr@lagvik.kommune.no'), role: 'member' as const },
    { personId: people.account('tillitsvalgt@lagvik.kommune.no'), role: 'unionRepresentative' as const },
  ];
  for (const [position, member] of group.entries()) {
    await trx.insertInto('change_process_members').values({
      organisation_id: organisationId, process_id: process.id, person_id: member.personId, role: member.role, position,
    }).execute();
  }
  return { processId: process.id, phaseIds, affectedUnitIds };
}
