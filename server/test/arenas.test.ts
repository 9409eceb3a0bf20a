import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Arena, ArenaPage, CalendarFeedCreated, Meeting, MeetingInvitationList, MeetingPage, MyMeeting, MyMeetingList } from '@lagverk/shared';
import { buildApp } from '../src/app.ts';
import { loggerOptions } from '../src/http/log-serializers.ts';
import { signedInAs, type SessionHeaders } from './support/accounts.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, expectProblem, expectValidation } from './support/factories.ts';
import { createTeam } from './support/team-factories.ts';

// Arenas for experience sharing and their meetings: composition with party balance,
// agenda, minutes, decisions and follow-up items, invitations answered by the invited,
// attendance, and a personal calendar feed that a calendar program polls.

let t: TestContext;
let org: string;
let hr: SessionHeaders;
let member: { headers: SessionHeaders; personId: string };
let politician: { headers: SessionHeaders; personId: string };
let outsider: { headers: SessionHeaders; personId: string };
let teamId: string;

const hour = 3600 * 1000;
const at = (offsetHours: number) => new Date(Date.now() + offsetHours * hour).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  org = t.organisationId;
  hr = (await signedInAs(t.db, org, ['hr'])).headers;
  const signIn = async (roles: Parameters<typeof signedInAs>[2]) => {
    const s = await signedInAs(t.db, org, roles);
    return { headers: s.headers, personId: s.account.personId };
  };
  member = await signIn(['member']);
  politician = await signIn(['politician']);
  outsider = await signIn(['member']);
  teamId = (await createTeam(t.app, org, { name: 'Lærlingelaget' })).id;
});
afterAll(() => t.close());

async function createArena(payload: object, headers: Record<string, string> = as(org)) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/arenas', headers, payload: { type: 'networkMeeting', name: 'Nettverksmøte', ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Arena>();
}

async function createMeeting(arenaId: string, payload: object = {}) {
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/arenas/${arenaId}/meetings`, headers: as(org),
    payload: { startsAt: at(24), endsAt: at(26), place: 'Kommunestyresalen', ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Meeting>();
}

const patchMeeting = (id: string, version: number, payload: object) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/arena-meetings/${id}`, headers: as(org, { 'if-match': `"${version}"` }), payload });

describe('arenas', () => {
  it('are created with a composition, read by politicians, edited with If-Match and removed', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/arenas', headers: hr,
      payload: {
        type: 'tripartiteWorkshop', name: 'Trepartsverkstedet', purpose: 'Utvikle trepartssamarbeidet.', rhythm: 'To ganger i halvåret', intervalWeeks: 12,
        members: [{ personId: politician.personId, party: 'politician' }, { personId: member.personId, party: 'union' }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const arena = res.json<Arena>();
    expect(res.headers.location).toBe(`/api/v1/arenas/${arena.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(arena).toMatchObject({ type: 'tripartiteWorkshop', active: true, intervalWeeks: 12, balanced: false, version: 1 });
    expect(arena.balance).toEqual({ politician: 1, administration: 0, union: 1, safety: 0, team: 0, other: 0 });
    expect(arena.members.map((m) => m.personId)).toEqual([politician.personId, member.personId]);

    const read = await t.app.inject({ method: 'GET', url: `/api/v1/arenas/${arena.id}`, headers: politician.headers });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(arena);
    // A politician reads, but does not set up arenas.
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/arenas/${arena.id}`, headers: { ...politician.headers, 'if-match': '"1"' }, payload: { name: 'X' } }), 403, 'forbidden');

    const admin = await createPerson(t.app, org);
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/arenas/${arena.id}`, headers: as(org), payload: { rhythm: 'Hver måned' } }), 428);
    const patched = await t.app.inject({
      method: 'PATCH', url: `/api/v1/arenas/${arena.id}`, headers: as(org, { 'if-match': '"1"' }),
      payload: { members: [{ personId: politician.personId, party: 'politician' }, { personId: member.personId, party: 'union' }, { personId: admin.id, party: 'administration' }] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<Arena>()).toMatchObject({ balanced: true, version: 2 });
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/arenas/${arena.id}`, headers: as(org, { 'if-match': '"1"' }), payload: { active: false } }), 412);

    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/arenas/${arena.id}`, headers: as(org, { 'if-match': '"1"' }) }), 412);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/arenas/${arena.id}`, headers: as(org, { 'if-match': '"2"' }) })).statusCode).toBe(204);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/arenas/${arena.id}`, headers: as(org) }), 404);
  });

  it('refuse bad input, a person twice, and people or teams that do not exist', async () => {
    expectValidation(await t.app.inject({ method: 'POST', url: '/api/v1/arenas', headers: as(org), payload: { type: 'party', name: '', colour: 'red' } }), '/body/type', '/body/name');
    const twice = [{ personId: member.personId, party: 'team', teamId }, { personId: member.personId, party: 'union' }];
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/arenas', headers: as(org), payload: { type: 'learningForum', name: 'Læringsforum', members: twice } }), 422, 'duplicate-member');
    const nothing = '5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d';
    const unknown = expectProblem(await t.app.inject({
      method: 'POST', url: '/api/v1/arenas', headers: as(org), payload: { type: 'learningForum', name: 'Læringsforum', members: [{ personId: nothing, party: 'team', teamId: nothing }] },
    }), 422, 'unknown-reference');
    expect(unknown.errors!.map((e) => e.path).sort()).toEqual(['/body/members/0/personId', '/body/members/0/teamId']);
  });

  it('are listed by type, and one with meetings is made inactive rather than removed', async () => {
    const forum = await createArena({ type: 'digitalForum', name: 'Digitalt forum' });
    await createArena({ type: 'processDay', name: 'Prosessdag' });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/arenas?type=digitalForum', headers: as(org) });
    expect(res.json<ArenaPage>().items.map((a) => a.id)).toEqual([forum.id]);
    expectValidation(await t.app.inject({ method: 'GET', url: '/api/v1/arenas?colour=red', headers: as(org) }));

    await createMeeting(forum.id, { place: null, videoUrl: 'https://meet.example.no/forum' });
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/arenas/${forum.id}`, headers: as(org, { 'if-match': '"1"' }) }), 409, 'arena-has-meetings');
    const inactive = await t.app.inject({ method: 'PATCH', url: `/api/v1/arenas/${forum.id}`, headers: as(org, { 'if-match': '"1"' }), payload: { active: false } });
    expect(inactive.json<Arena>().active).toBe(false);
    expectProblem(await t.app.inject({
      method: 'POST', url: `/api/v1/arenas/${forum.id}/meetings`, headers: as(org), payload: { startsAt: at(1), endsAt: at(2), place: 'Rådhuset' },
    }), 409, 'arena-inactive');
  });
});

describe('meetings', () => {
  it('are planned with an agenda, minuted with decisions and follow-up items under If-Match, and listed by period', async () => {
    const arena = await createArena({ name: 'Nettverksmøte for lagene' });
    const meeting = await createMeeting(arena.id, { agenda: [{ title: 'Ny inntaksprosess', teamId, durationMinutes: 30 }, { title: 'Runde rundt bordet' }] });
    expect(meeting).toMatchObject({ arenaId: arena.id, arenaName: 'Nettverksmøte for lagene', status: 'planned', version: 1, invitations: [] });
    expect(meeting.agenda).toEqual([
      { title: 'Ny inntaksprosess', teamId, teamName: 'Lærlingelaget', durationMinutes: 30 },
      { title: 'Runde rundt bordet', teamId: null, teamName: null, durationMinutes: null },
    ]);

    const minuted = await patchMeeting(meeting.id, 1, {
      status: 'held', minutes: 'Lærlingelaget la fram sin nye inntaksprosess.',
      decisions: [{ text: 'Intervjuguiden tas i bruk i alle virksomheter.' }],
      followUpItems: [{ title: 'Spre intervjuguiden', ownerPersonId: member.personId, dueOn: '2027-01-31' }],
    });
    expect(minuted.statusCode, minuted.body).toBe(200);
    expect(minuted.json<Meeting>()).toMatchObject({
      status: 'held', version: 2, decisions: [{ text: 'Intervjuguiden tas i bruk i alle virksomheter.' }],
      followUpItems: [{ title: 'Spre intervjuguiden', ownerPersonId: member.personId, dueOn: '2027-01-31', done: false }],
    });
    expect(minuted.json<Meeting>().agenda).toHaveLength(2);
    expectProblem(await patchMeeting(meeting.id, 1, { minutes: 'Overskriver' }), 412);
    expectProblem(await patchMeeting(meeting.id, 2, { startsAt: at(30) }), 422, 'ends-before-start');
    expectProblem(await patchMeeting(meeting.id, 2, { place: null }), 422, 'place-required');
    expectValidation(await patchMeeting(meeting.id, 2, { videoUrl: 'http://insecure.example.no' }), '/body/videoUrl');
    const unknown = expectProblem(await patchMeeting(meeting.id, 2, { followUpItems: [{ title: 'X', ownerPersonId: '5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d' }] }), 422, 'unknown-reference');
    expect(unknown.errors!.map((e) => e.path)).toEqual(['/body/followUpItems/0/ownerPersonId']);

    const later = await createMeeting(arena.id, { startsAt: at(24 * 40), endsAt: at(24 * 40 + 2) });
    const list = async (query: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/arena-meetings?${query}`, headers: politician.headers })).json<MeetingPage>().items.map((m) => m.id);
    const from = encodeURIComponent(at(0));
    expect(await list(`arenaId=${arena.id}`)).toEqual([meeting.id, later.id]);
    expect(await list(`arenaId=${arena.id}&from=${from}&to=${encodeURIComponent(at(24 * 7))}`)).toEqual([meeting.id]);
    expect(await list(`arenaId=${arena.id}&sort=-startsAt&limit=1`)).toEqual([later.id]);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/arena-meetings/${later.id}`, headers: as(org, { 'if-match': '"1"' }) })).statusCode).toBe(204);
    const audited = await t.db.selectFrom('audit_events').select('action').where('organisation_id', '=', org)
      .where('entity', '=', 'arena_meetings').where('entity_id', '=', later.id).orderBy('id').execute();
    expect(audited.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('invite the members and others, who answer for themselves; attendance is recorded after the start', async () => {
    const extra = await createPerson(t.app, org);
    const arena = await createArena({ name: 'Administrasjonsutvalget', type: 'administrationCommittee', members: [{ personId: member.personId, party: 'union' }, { personId: politician.personId, party: 'politician' }] });
    const meeting = await createMeeting(arena.id);
    const invite = await t.app.inject({ method: 'POST', url: `/api/v1/arena-meetings/${meeting.id}/invitations`, headers: hr, payload: { personIds: [extra.id] } });
    expect(invite.statusCode, invite.body).toBe(200);
    expect(invite.json<MeetingInvitationList>().items.map((i) => i.personId).sort()).toEqual([member.personId, politician.personId, extra.id].sort());
    // Each invited person is told once, with a link to the meeting.
    const notes = await t.db.selectFrom('notifications').select(['person_id', 'link', 'title']).where('organisation_id', '=', org).where('subject_id', '=', meeting.id).execute();
    expect(notes.map((n) => n.person_id).sort()).toEqual([member.personId, politician.personId, extra.id].sort());
    expect(notes[0]!.link).toBe(`/arenas/${arena.id}/meetings/${meeting.id}`);
    expect(notes[0]!.title).toContain('Administrasjonsutvalget');
    // Inviting again (the members, with nobody new) succeeds and tells nobody twice.
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/arena-meetings/${meeting.id}/invitations`, headers: as(org), payload: {} });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<MeetingInvitationList>().items).toHaveLength(3);
    expect(await t.db.selectFrom('notifications').select('id').where('organisation_id', '=', org).where('subject_id', '=', meeting.id).execute()).toHaveLength(3);

    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/me/meeting-invitations', headers: member.headers });
    expect(mine.json<MyMeetingList>().items.map((m) => m.meetingId)).toContain(meeting.id);
    const answered = await t.app.inject({ method: 'POST', url: `/api/v1/me/meeting-invitations/${meeting.id}/answer`, headers: member.headers, payload: { answer: 'accepted' } });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json<MyMeeting>()).toMatchObject({ meetingId: meeting.id, answer: 'accepted' });
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/me/meeting-invitations/${meeting.id}/answer`, headers: outsider.headers, payload: { answer: 'accepted' } }), 404);
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/me/meeting-invitations/${meeting.id}/answer`, headers: as(org), payload: { answer: 'accepted' } }), 403, 'session-required');
    expectValidation(await t.app.inject({ method: 'POST', url: `/api/v1/me/meeting-invitations/${meeting.id}/answer`, headers: member.headers, payload: { answer: 'maybe' } }), '/body/answer');

    const attendance = (items: object[]) => t.app.inject({ method: 'PUT', url: `/api/v1/arena-meetings/${meeting.id}/attendance`, headers: as(org), payload: { items } });
    expectProblem(await attendance([{ personId: member.personId, attended: true }]), 409, 'meeting-not-started');
    const current = (await t.app.inject({ method: 'GET', url: `/api/v1/arena-meetings/${meeting.id}`, headers: as(org) })).json<Meeting>();
    expect((await patchMeeting(meeting.id, current.version, { startsAt: at(-3), endsAt: at(-1), status: 'held' })).statusCode).toBe(200);
    expectProblem(await attendance([{ personId: outsider.personId, attended: true }]), 422, 'not-invited');
    const recorded = await attendance([{ personId: member.personId, attended: true }, { personId: politician.personId, attended: false }]);
    expect(recorded.statusCode, recorded.body).toBe(200);
    const byPerson = new Map(recorded.json<MeetingInvitationList>().items.map((i) => [i.personId, i]));
    expect(byPerson.get(member.personId)).toMatchObject({ answer: 'accepted', attended: true });
    expect(byPerson.get(politician.personId)).toMatchObject({ answer: null, attended: false });
    expect(byPerson.get(extra.id)).toMatchObject({ attended: null });
    // Over: no more answers or invitations.
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/me/meeting-invitations/${meeting.id}/answer`, headers: member.headers, payload: { answer: 'declined' } }), 409, 'meeting-over');
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/arena-meetings/${meeting.id}/invitations`, headers: as(org), payload: {} }), 409, 'meeting-over');
  });

  it('stay within their organisation', async () => {
    const arena = await createArena({ name: 'Eget forum' });
    const meeting = await createMeeting(arena.id);
    const other = (await createOrganisation(t.db)).id;
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/arenas/${arena.id}`, headers: as(other) }), 404);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/arena-meetings/${meeting.id}`, headers: as(other) }), 404);
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/arena-meetings/${meeting.id}/invitations`, headers: as(other), payload: {} }), 404);
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/arenas/${arena.id}/meetings`, headers: as(other), payload: { startsAt: at(1), endsAt: at(2), place: 'X' } }), 404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/arena-meetings', headers: as(other) })).json<MeetingPage>().items).toEqual([]);
    // Nor can an arena hold another organisation's people.
    const stranger = await createPerson(t.app, other);
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/arenas', headers: as(org), payload: { type: 'learningForum', name: 'X', members: [{ personId: stranger.id, party: 'other' }] } }), 422, 'unknown-reference');
  });
});

describe('the calendar', () => {
  it('reads a leap second in a period as the next second, on either database (no server error)', async () => {
    const leap = encodeURIComponent('2026-06-30T23:59:60Z');
    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/arena-meetings?from=${leap}&to=${encodeURIComponent('2026-07-05T00:00:00Z')}`, headers: as(org) });
    expect(listed.statusCode, listed.body).toBe(200);
    const mine = await t.app.inject({ method: 'GET', url: `/api/v1/me/calendar?from=${leap}&to=${encodeURIComponent('2026-07-05T00:00:00Z')}`, headers: member.headers });
    expect(mine.statusCode, mine.body).toBe(200);
  });

  it('lists my meetings in a period, and a feed link serves them as iCalendar until rotated or revoked', async () => {
    const arena = await createArena({ name: 'Læringsforum for koordinatorer', type: 'learningForum', members: [{ personId: outsider.personId, party: 'team' }] });
    const meeting = await createMeeting(arena.id, { place: 'Biblioteket', startsAt: at(48), endsAt: at(50) });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/arena-meetings/${meeting.id}/invitations`, headers: as(org), payload: {} })).statusCode).toBe(200);
    const notMine = await createMeeting((await createArena({ name: 'Ikke mitt' })).id, { startsAt: at(48), endsAt: at(49) });

    const calendar = await t.app.inject({ method: 'GET', url: `/api/v1/me/calendar?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(24 * 30))}`, headers: outsider.headers });
    expect(calendar.statusCode, calendar.body).toBe(200);
    expect(calendar.json<MyMeetingList>().items.map((m) => m.meetingId)).toEqual([meeting.id]);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/me/calendar?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(24 * 200))}`, headers: outsider.headers }), 422, 'range-too-long');
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/me/calendar-feed', headers: as(org) }), 403, 'session-required');

    const made = await t.app.inject({ method: 'POST', url: '/api/v1/me/calendar-feed', headers: outsider.headers });
    expect(made.statusCode, made.body).toBe(201);
    const { path } = made.json<CalendarFeedCreated>();
    const token = path.split('/').pop()!.replace(/\.ics$/, '');
    // Only the hash is kept.
    const stored = await t.db.selectFrom('calendar_feeds').select('token_hash').where('organisation_id', '=', org).where('person_id', '=', outsider.personId).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.slice(-43));

    const feed = await t.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(feed.body).toContain(`UID:${meeting.id}@lagverk`);
    expect(feed.body).toContain('SUMMARY:Læringsforum for koordinatorer');
    expect(feed.body).toContain('LOCATION:Biblioteket');
    expect(feed.body).not.toContain(notMine.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/calendar-feed', headers: outsider.headers })).json()).toMatchObject({ active: true });

    const rotated = (await t.app.inject({ method: 'POST', url: '/api/v1/me/calendar-feed', headers: outsider.headers })).json<CalendarFeedCreated>();
    expectProblem(await t.app.inject({ method: 'GET', url: path }), 404);
    expect((await t.app.inject({ method: 'GET', url: rotated.path })).statusCode).toBe(200);
    // A deactivated account's feed stops with it, and comes back when it is reactivated.
    const account = () => t.db.updateTable('accounts').where('organisation_id', '=', org).where('person_id', '=', outsider.personId);
    await account().set({ active: false }).execute();
    expectProblem(await t.app.inject({ method: 'GET', url: rotated.path }), 404);
    await account().set({ active: true }).execute();
    expect((await t.app.inject({ method: 'GET', url: rotated.path })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/me/calendar-feed', headers: outsider.headers })).statusCode).toBe(204);
    expectProblem(await t.app.inject({ method: 'GET', url: rotated.path }), 404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/calendar-feed', headers: outsider.headers })).json()).toEqual({ active: false, createdAt: null });
    // A token naming another organisation finds nothing there.
    const foreign = rotated.path.replace(/lvc_[0-9a-f]{32}_/, `lvc_${(await createOrganisation(t.db)).id.replaceAll('-', '')}_`);
    expectProblem(await t.app.inject({ method: 'GET', url: foreign }), 404);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/calendar-feeds/not-a-token.ics' }), 404);
  });

  it('keeps the feed link out of the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
    const logged = await buildApp({ database: t.database, logger: loggerOptions('info', stream) });
    await logged.ready();
    try {
      const made = (await logged.inject({ method: 'POST', url: '/api/v1/me/calendar-feed', headers: member.headers })).json<CalendarFeedCreated>();
      expect((await logged.inject({ method: 'GET', url: made.path })).statusCode).toBe(200);
      await logged.inject({ method: 'GET', url: `${made.path.replace(/\.ics$/, '')}x.ics` });
      const log = lines.join('');
      expect(log).toContain('/api/v1/calendar-feeds/[redacted]');
      expect(log).not.toContain(made.path.split('/').pop()!.replace(/\.ics$/, ''));
    } finally {
      await logged.close();
    }
  });
});
