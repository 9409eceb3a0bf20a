import type { Transaction } from 'kysely';
import type { ArenaParty } from '@lagverk/shared';
import type { DB } from '../db/types.ts';

// The demo's arenas: the tripartite workshop as the model has it (three politicians, three
// from the administration, three union representatives), with a meeting held and one
// coming, and the network meeting where the teams' coordinators share across teams.
// Runs after the demo accounts, whose people (the mayor, the chief executive, HR, the
// chief union representative) sit in the workshop.

const day = 24 * 3600 * 1000;
/** `days` from today at `hours` UTC, so the meetings stay ahead of (or behind) whoever opens the demo. */
export const demoDay = (days: number, hours: number) => new Date(Math.floor(Date.now() / day) * day + days * day + hours * 3600 * 1000);
export const isoDay = (at: Date) => at.toISOString().slice(0, 10);

export interface DemoPeople {
  /** The person behind a demo account, by its email. */
  account: (email: string) => string;
  /** Current members of a team with a role, by team name: person and team. */
  teamMembers: (teamName: string, role?: string) => { personId: string; teamId: string }[];
  teamId: (name: string) => string;
}

export async function demoPeople(trx: Transaction<DB>, organisationId: string): Promise<DemoPeople> {
  const accounts = await trx.selectFrom('accounts').select(['email', 'person_id']).where('organisation_id', '=', organisationId).execute();
  const members = await trx.selectFrom('team_members as m')
    .innerJoin('teams as t', (j) => j.onRef('t.organisation_id', '=', 'm.organisation_id').onRef('t.id', '=', 'm.team_id'))
    .select(['t.name', 't.id as teamId', 'm.person_id', 'm.role'])
    .where('m.organisation_id', '=', organisationId).where('m.left_on', 'is', null)
    .orderBy('m.joined_on').orderBy('m.id')
    .execute();
  return {
    account: (email) => accounts.find((a) => a.email === email)!.person_id,
    teamMembers: (teamName, role) => members.filter((m) => m.name === teamName && (!role || m.role === role)).map((m) => ({ personId: m.person_id, teamId: m.teamId })),
    teamId: (name) => members.find((m) => m.name === name)!.teamId,
  };
}

interface Member { personId: string; party: ArenaParty; teamId?: string }
interface AgendaItem { title: string; team?: string; minutes: number }

export async function seedDemoArenas(trx: Transaction<DB>, organisationId: string, people: DemoPeople) {
  const org = { organisation_id: organisationId };
  const addPerson = async (name: string, title: string, profession: string | null = null) => (await trx.insertInto('people')
    .values({ ...org, name, title, profession, unit_id: null }).returning('id').executeTakeFirstOrThrow()).id;
  /** The first person with the profession in the unit: employees who are also union representatives. */
  async function employee(unitName: string, profession: string) {
    const unit = await trx.selectFrom('units').select('id').where('organisation_id', '=', organisationId).where('name', '=', unitName).executeTakeFirstOrThrow();
    const row = await trx.selectFrom('people as p')
      .innerJoin('units as u', (j) => j.onRef('u.organisation_id', '=', 'p.organisation_id').onRef('u.id', '=', 'p.unit_id'))
      .select('p.id').where('p.organisation_id', '=', organisationId).where('p.profession', '=', profession)
      .where((eb) => eb.or([eb('u.id', '=', unit.id), eb('u.parent_id', '=', unit.id)]))
      .orderBy('p.external_id').executeTakeFirstOrThrow();
    return row.id;
  }
  const healthChief = await trx.selectFrom('units').select('manager_id')
    .where('organisation_id', '=', organisationId).where('name', '=', 'Helse og omsorg').executeTakeFirstOrThrow();

  async function arena(type: 'tripartiteWorkshop' | 'networkMeeting', name: string, purpose: string, rhythm: string, intervalWeeks: number, members: Member[]) {
    const row = await trx.insertInto('arenas').values({ ...org, type, name, purpose, rhythm, interval_weeks: intervalWeeks }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('arena_members').values(members.map((m, position) => ({
      ...org, arena_id: row.id, person_id: m.personId, party: m.party, team_id: m.teamId ?? null, position,
    }))).execute();
    return row.id;
  }

  async function meeting(arenaId: string, spec: {
    startsAt: Date; hours: number; place: string | null; videoUrl?: string; agenda: AgendaItem[]; invited: string[];
    held?: { minutes: string; decisions: string[]; followUp: { title: string; owner: string; dueOn: string }[]; absent: string[] };
  }) {
    const endsAt = new Date(spec.startsAt.getTime() + spec.hours * 3600 * 1000);
    const row = await trx.insertInto('arena_meetings').values({
      ...org, arena_id: arenaId, starts_at: spec.startsAt, ends_at: endsAt, place: spec.place, video_url: spec.videoUrl ?? null,
      status: spec.held ? 'held' : 'planned', minutes: spec.held?.minutes ?? null,
    }).returning('id').executeTakeFirstOrThrow();
    const meetingId = row.id;
    await trx.insertInto('meeting_agenda_items').values(spec.agenda.map((item, position) => ({
      ...org, meeting_id: meetingId, position, title: item.title, team_id: item.team ? people.teamId(item.team) : null, duration_minutes: item.minutes,
    }))).execute();
    if (spec.held) {
      const { decisions, followUp, absent } = spec.held;
      await trx.insertInto('meeting_decisions').values(decisions.map((text, position) => ({ ...org, meeting_id: meetingId, position, text }))).execute();
      await trx.insertInto('meeting_follow_up_items').values(followUp.map((f, position) => ({
        ...org, meeting_id: meetingId, position, title: f.title, owner_person_id: f.owner, due_on: f.dueOn,
      }))).execute();
      await trx.insertInto('meeting_invitations').values(spec.invited.map((personId) => ({
        ...org, meeting_id: meetingId, person_id: personId, answer: absent.includes(personId) ? 'declined' as const : 'accepted' as const,
        answered_at: new Date(spec.startsAt.getTime() - 7 * day), attended: !absent.includes(personId),
      }))).execute();
    } else {
      // The first few have answered already; the rest (the mayor among them) still can.
      await trx.insertInto('meeting_invitations').values(spec.invited.map((personId, i) => ({
        ...org, meeting_id: meetingId, person_id: personId, answer: i % 3 === 1 ? 'accepted' as const : null, answered_at: i % 3 === 1 ? new Date() : null, attended: null,
      }))).execute();
    }
    return meetingId;
  }

  const politicians = [people.account('politiker@lagvik.kommune.no'), await addPerson('Tor Inge Lie', 'Varaordfører'), await addPerson('Marit Solheim', 'Kommunestyrerepresentant')];
  const administration = [people.account('radmann@lagvik.kommune.no'), people.account('hr@lagvik.kommune.no'), healthChief.manager_id!];
  const unions = [people.account('tillitsvalgt@lagvik.kommune.no'), await employee('Lagvik sykehjem', 'Helsefagarbeider'), await employee('Lagvik skole', 'Lærer')];
  const tripartite = [
    ...politicians.map((personId) => ({ personId, party: 'politician' as const })),
    ...administration.map((personId) => ({ personId, party: 'administration' as const })),
    ...unions.map((personId) => ({ personId, party: 'union' as const })),
  ];
  const workshopId = await arena('tripartiteWorkshop', 'Trepartsverkstedet',
    'Politikere, administrasjon og tillitsvalgte utvikler arbeidslagene sammen: hva som skal prøves, hva lagene har lært, og hva som skal spres.',
    'To ganger i halvåret', 12, tripartite);
  const hr = people.account('hr@lagvik.kommune.no');
  const heldMeetingId = await meeting(workshopId, {
    startsAt: demoDay(-40, 12), hours: 2.5, place: 'Kommunestyresalen', invited: tripartite.map((m) => m.personId),
    agenda: [
      { title: 'Lærlingelaget: felles opptak og intervjuguide', team: 'Arbeidslag for lærlinger', minutes: 40 },
      { title: 'Hva lærte vi av trepartsverkstedet for omstilling?', team: 'Trepartsverksted for omstilling', minutes: 30 },
      { title: 'Kriterier for nye arbeidslag', minutes: 30 },
    ],
    held: {
      minutes: 'Lærlingelaget la fram felles opptak og intervjuguiden. Tiden fra søknad til intervju er kortet fra seks til to uker. Verkstedet drøftet hvordan erfaringene kan brukes i andre rekrutteringer.',
      decisions: ['Intervjuguiden for lærlinger tas i bruk i alle virksomheter.', 'Kriteriene for nye arbeidslag vurderes på nytt etter neste evaluering.'],
      followUp: [{ title: 'Spre intervjuguiden til virksomhetslederne', owner: hr, dueOn: isoDay(demoDay(20, 0)) }],
      absent: [politicians[2]!],
    },
  });
  await meeting(workshopId, {
    startsAt: demoDay(23, 12), hours: 2.5, place: 'Kommunestyresalen', invited: tripartite.map((m) => m.personId),
    agenda: [
      { title: 'Hverdagsrehabilitering: resultater så langt', team: 'Hverdagsrehabilitering', minutes: 30 },
      { title: 'Forslag: Tidlig innsats i skole og barnehage', team: 'Tidlig innsats i skole og barnehage', minutes: 30 },
      { title: 'Kompetanseplan for koordinatorer og virksomhetsledere', minutes: 20 },
      { title: 'Evaluering av trepartssamarbeidet', minutes: 20 },
    ],
  });

  // The network meeting: each team's coordinator speaks for the team; HR keeps it going.
  const teams = ['Arbeidslag for lærlinger', 'Hverdagsrehabilitering', 'Tidlig innsats i skole og barnehage', 'Felles vikarpool i helse'];
  const coordinators = teams.flatMap((name) => people.teamMembers(name, 'coordinator').slice(0, 1));
  const network = [...coordinators.map((c) => ({ ...c, party: 'team' as const })), { personId: hr, party: 'administration' as const }];
  const networkId = await arena('networkMeeting', 'Nettverksmøte for arbeidslagene',
    'Koordinatorene deler erfaringer på tvers av lagene: hva som virker, hva som står fast, og hvem som kan hjelpe.',
    'Hver sjette uke', 6, network);
  await meeting(networkId, {
    startsAt: demoDay(12, 7.5), hours: 2, place: 'Rådhuset, møterom 2', videoUrl: 'https://meet.lagvik.kommune.no/nettverk',
    invited: network.map((m) => m.personId),
    agenda: [
      { title: 'Runde: hva har laget fått til siden sist?', minutes: 30 },
      { title: 'Fadderordning for lærlinger', team: 'Arbeidslag for lærlinger', minutes: 20 },
      { title: 'Opptrening i eget hjem: hvordan måle effekt', team: 'Hverdagsrehabilitering', minutes: 20 },
      { title: 'Vikarpoolen: hvorfor laget tok pause', team: 'Felles vikarpool i helse', minutes: 20 },
    ],
  });
  return { heldMeetingId };
}
