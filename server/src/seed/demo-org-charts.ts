import type { Transaction } from 'kysely';
import type { OrgChartNode } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { liveUnits, nodesOf, plainNode, subtree } from '../org-charts/repository.ts';
import { demoDay, isoDay, type DemoPeople } from './demo-arenas.ts';
import type { DemoChange } from './demo-change.ts';

// The demo process's organisation charts, as in the source document: health and care today
// (two levels: the service area and its units) against three levels, with heads of service
// between the service area and the units. The three-level proposal has had a comment round,
// closed, with comments from staff and a union representative. Neither is decided yet.

export async function seedDemoOrgCharts(trx: Transaction<DB>, organisationId: string, change: DemoChange, people: DemoPeople) {
  const area = await trx.selectFrom('units').select('id').where('organisation_id', '=', organisationId)
    .where('name', '=', 'Helse og omsorg').executeTakeFirstOrThrow();
  const current = nodesOf(subtree(await liveUnits(trx, organisationId), area.id) ?? []).map(plainNode);
  const json = JSON.stringify;
  const insert = (title: string, description: string, nodes: OrgChartNode[]) => trx.insertInto('org_chart_proposals').values({
    organisation_id: organisationId, process_id: change.processId, title, description, root_unit_id: area.id, nodes: json(nodes), base_nodes: json(current),
  }).returning('id').executeTakeFirstOrThrow();

  await insert('To nivå (dagens modell)', 'Virksomhetslederne rapporterer direkte til kommunalsjefen for helse og omsorg, som i dag.', current);

  const byName = (name: string) => current.find((n) => n.name === name)?.key;
  const care = ['Hjemmetjenesten', 'Lagvik sykehjem', 'Tjenester for funksjonshemmede'].map(byName);
  const health = ['Psykisk helse og rus', 'Helsestasjon og skolehelsetjeneste'].map(byName);
  const threeLevels: OrgChartNode[] = [
    ...current.map((n) => (care.includes(n.key) ? { ...n, parentKey: 'pleie' } : health.includes(n.key) ? { ...n, parentKey: 'helse' } : n)),
    { key: 'pleie', unitId: null, name: 'Pleie og omsorg', kind: 'serviceArea', parentKey: area.id, managerPersonId: null },
    { key: 'helse', unitId: null, name: 'Helse og mestring', kind: 'serviceArea', parentKey: area.id, managerPersonId: null },
  ];
  const proposal = await insert('Tre nivå med kommunalsjefer',
    'Et nytt nivå av ledere under kommunalsjefen: én for pleie og omsorg, én for helse og mestring. Færre virksomheter per leder.', threeLevels);

  const round = await trx.insertInto('org_chart_comment_rounds').values({
    organisation_id: organisationId, proposal_id: proposal.id, opens_on: isoDay(demoDay(-40, 0)), closes_on: isoDay(demoDay(-26, 0)), closed_at: demoDay(-25, 9),
  }).returning('id').executeTakeFirstOrThrow();
  const comments: [string, string | null, string, number][] = [
    ['ansatt@lagvik.kommune.no', 'pleie', 'Godt at hjemmetjenesten og sykehjemmet kommer under samme leder. Da blir det lettere å dele på vakter.', -38],
    ['tillitsvalgt@lagvik.kommune.no', null, 'Vi ber om at de ansatte får vite hvem som blir ny leder før endringen trer i kraft.', -33],
    ['leder@lagvik.kommune.no', 'helse', 'Helsestasjonen samarbeider tett med skolene. Hvordan sikrer vi det når den flyttes til helse og mestring?', -30],
  ];
  for (const [email, nodeKey, body, days] of comments) {
    await trx.insertInto('org_chart_comments').values({
      organisation_id: organisationId, proposal_id: proposal.id, round_id: round.id, person_id: people.account(email), node_key: nodeKey, body, created_at: demoDay(days, 10),
    }).execute();
  }
}
