import Type, { type Static } from 'typebox';
import { Cursor, IsoDate, Limit, NullableText, Page, SearchText, Text, Timestamp, Uuid, Version } from './common.ts';

// Arenas for experience sharing (network meetings, learning forums, process days, the
// tripartite workshop, the administration committee, digital forums): their composition,
// and their meetings with agenda, decisions, follow-up items, invitations and attendance.

export const arenaTypes = ['networkMeeting', 'learningForum', 'processDay', 'tripartiteWorkshop', 'administrationCommittee', 'digitalForum'] as const;
export const ArenaType = Type.Union([Type.Literal('networkMeeting'), Type.Literal('learningForum'), Type.Literal('processDay'), Type.Literal('tripartiteWorkshop'), Type.Literal('administrationCommittee'), Type.Literal('digitalForum')], {
  description: 'networkMeeting (between teams), learningForum, processDay, tripartiteWorkshop (politicians, administration, union representatives), administrationCommittee or digitalForum.',
});
export type ArenaType = Static<typeof ArenaType>;

export const arenaParties = ['politician', 'administration', 'union', 'safety', 'team', 'other'] as const;
export const ArenaParty = Type.Union([Type.Literal('politician'), Type.Literal('administration'), Type.Literal('union'), Type.Literal('safety'), Type.Literal('team'), Type.Literal('other')], {
  description: 'Whom the member represents: politician, administration, union (tillitsvalgt), safety (verneombud), team or other.',
});
export type ArenaParty = Static<typeof ArenaParty>;

export const meetingStatuses = ['planned', 'held', 'cancelled'] as const;
export const MeetingStatus = Type.Union([Type.Literal('planned'), Type.Literal('held'), Type.Literal('cancelled')], { description: 'planned, held or cancelled.' });
export type MeetingStatus = Static<typeof MeetingStatus>;

export const meetingAnswers = ['accepted', 'declined', 'tentative'] as const;
export const MeetingAnswer = Type.Union([Type.Literal('accepted'), Type.Literal('declined'), Type.Literal('tentative')], { description: 'accepted, declined or tentative.' });
export type MeetingAnswer = Static<typeof MeetingAnswer>;

const Name = Text(200, { examples: ['Trepartsverkstedet'] });
const PersonName = Type.String({ maxLength: 200, description: 'The person\'s name, for display.' });
const TeamName = Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'The team\'s name, for display.' });
const Count = Type.Integer({ format: 'int32', minimum: 0, maximum: 10000 });

export const ArenaMemberInput = Type.Object(
  {
    personId: Uuid,
    party: ArenaParty,
    teamId: Type.Optional(Type.Union([Uuid, Type.Null()], { description: 'The team a member of party `team` speaks for.' })),
  },
  { additionalProperties: false },
);
export type ArenaMemberInput = Static<typeof ArenaMemberInput>;

export const ArenaMember = Type.Object(
  { personId: Uuid, personName: PersonName, party: ArenaParty, teamId: Type.Union([Uuid, Type.Null()]), teamName: TeamName },
  { additionalProperties: false },
);
export type ArenaMember = Static<typeof ArenaMember>;

export const ArenaPartyBalance = Type.Object(
  { politician: Count, administration: Count, union: Count, safety: Count, team: Count, other: Count },
  { additionalProperties: false, description: 'How many members represent each party.' },
);
export type ArenaPartyBalance = Static<typeof ArenaPartyBalance>;

const Members = Type.Array(ArenaMemberInput, { maxItems: 200, description: 'The composition; a person at most once. Replaces the whole composition on an edit.' });

const arenaFields = {
  type: ArenaType,
  name: Name,
  purpose: NullableText(4000, { examples: ['Utvikle trepartssamarbeidet om arbeidslagene.'] }),
  rhythm: NullableText(200, { description: 'The meeting rhythm in words.', examples: ['To ganger i halvåret'] }),
  intervalWeeks: Type.Union([Type.Integer({ format: 'int32', minimum: 1, maximum: 104, description: 'Weeks between meetings, where the rhythm is regular.' }), Type.Null()]),
  active: Type.Boolean({ description: 'An arena no longer in use is kept (with its meetings) but made inactive.' }),
};

export const Arena = Type.Object(
  {
    id: Uuid,
    ...arenaFields,
    members: Type.Array(ArenaMember, { maxItems: 200 }),
    balance: ArenaPartyBalance,
    balanced: Type.Union([Type.Boolean(), Type.Null()], {
      description: 'For a tripartite workshop: whether politicians, administration and union representatives are equally many (the model has three of each). Null for other arenas. A warning, not a rule.',
    }),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'An arena, with its composition.' },
);
export type Arena = Static<typeof Arena>;

const arenaExample = {
  type: 'tripartiteWorkshop', name: 'Trepartsverkstedet', purpose: 'Utvikle trepartssamarbeidet om arbeidslagene.',
  rhythm: 'To ganger i halvåret', intervalWeeks: 12, members: [],
};

export const ArenaCreate = Type.Object(
  {
    type: arenaFields.type,
    name: arenaFields.name,
    purpose: Type.Optional(arenaFields.purpose),
    rhythm: Type.Optional(arenaFields.rhythm),
    intervalWeeks: Type.Optional(arenaFields.intervalWeeks),
    active: Type.Optional(arenaFields.active),
    members: Type.Optional(Members),
  },
  { additionalProperties: false, examples: [arenaExample] },
);
export type ArenaCreate = Static<typeof ArenaCreate>;

export const ArenaPatch = Type.Object(
  {
    type: Type.Optional(arenaFields.type),
    name: Type.Optional(arenaFields.name),
    purpose: Type.Optional(arenaFields.purpose),
    rhythm: Type.Optional(arenaFields.rhythm),
    intervalWeeks: Type.Optional(arenaFields.intervalWeeks),
    active: Type.Optional(arenaFields.active),
    members: Type.Optional(Members),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ rhythm: 'Hver sjette uke', intervalWeeks: 6 }] },
);
export type ArenaPatch = Static<typeof ArenaPatch>;

export const ArenaListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    sort: Type.Optional(Type.Union([Type.Literal('name'), Type.Literal('-name'), Type.Literal('createdAt'), Type.Literal('-createdAt')], {
      default: 'name', description: 'Order; a leading minus sorts descending.',
    })),
    type: Type.Optional(ArenaType),
    active: Type.Optional(Type.Boolean()),
    q: Type.Optional(SearchText),
  },
  { additionalProperties: false },
);
export type ArenaListQuery = Static<typeof ArenaListQuery>;

export const ArenaPage = Page(Arena, 'A page of arenas.');
export type ArenaPage = Static<typeof ArenaPage>;

// Meetings.

const VideoUrl = Type.String({
  format: 'uri', maxLength: 2000, pattern: '^https://', description: 'The video meeting\'s link (https).', examples: ['https://meet.example.no/trepart'],
});

export const MeetingAgendaItem = Type.Object(
  {
    title: Text(300, { examples: ['Lærlingelaget: ny inntaksprosess'] }),
    teamId: Type.Optional(Type.Union([Uuid, Type.Null()], { description: 'The team that presents the item.' })),
    durationMinutes: Type.Optional(Type.Union([Type.Integer({ format: 'int32', minimum: 1, maximum: 1440 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type MeetingAgendaItem = Static<typeof MeetingAgendaItem>;

export const MeetingAgendaItemView = Type.Object(
  {
    title: Type.String({ maxLength: 300 }), teamId: Type.Union([Uuid, Type.Null()]), teamName: TeamName,
    durationMinutes: Type.Union([Type.Integer({ format: 'int32', minimum: 1, maximum: 1440 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type MeetingAgendaItemView = Static<typeof MeetingAgendaItemView>;

export const MeetingDecision = Type.Object(
  { text: Text(4000, { examples: ['Lærlingelagets intervjuguide tas i bruk i alle virksomheter.'] }) },
  { additionalProperties: false },
);
export type MeetingDecision = Static<typeof MeetingDecision>;

export const MeetingFollowUpItem = Type.Object(
  {
    title: Text(300, { examples: ['Spre intervjuguiden til virksomhetslederne'] }),
    ownerPersonId: Uuid,
    dueOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    done: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type MeetingFollowUpItem = Static<typeof MeetingFollowUpItem>;

export const MeetingFollowUpItemView = Type.Object(
  {
    title: Type.String({ maxLength: 300 }), ownerPersonId: Uuid, ownerName: PersonName,
    dueOn: Type.Union([IsoDate, Type.Null()]), done: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type MeetingFollowUpItemView = Static<typeof MeetingFollowUpItemView>;

export const MeetingInvitation = Type.Object(
  {
    personId: Uuid,
    personName: PersonName,
    answer: Type.Union([MeetingAnswer, Type.Null()], { description: 'Null until the person answers.' }),
    answeredAt: Type.Union([Timestamp, Type.Null()]),
    attended: Type.Union([Type.Boolean(), Type.Null()], { description: 'Recorded after the meeting; null until then.' }),
  },
  { additionalProperties: false },
);
export type MeetingInvitation = Static<typeof MeetingInvitation>;

const meetingTimes = {
  startsAt: Timestamp,
  endsAt: Type.String({ format: 'date-time', maxLength: 40, description: 'After `startsAt`.', examples: ['2026-11-25T15:00:00.000Z'] }),
  place: NullableText(300, { examples: ['Kommunestyresalen'] }),
  videoUrl: Type.Union([VideoUrl, Type.Null()]),
};

export const MeetingSummary = Type.Object(
  {
    id: Uuid, arenaId: Uuid, arenaName: Type.String({ maxLength: 200 }), arenaType: ArenaType,
    ...meetingTimes, status: MeetingStatus, version: Version,
  },
  { additionalProperties: false, description: 'A meeting, without its parts.' },
);
export type MeetingSummary = Static<typeof MeetingSummary>;

export const Meeting = Type.Object(
  {
    id: Uuid, arenaId: Uuid, arenaName: Type.String({ maxLength: 200 }), arenaType: ArenaType,
    ...meetingTimes,
    status: MeetingStatus,
    minutes: NullableText(20000),
    agenda: Type.Array(MeetingAgendaItemView, { maxItems: 100 }),
    decisions: Type.Array(Type.Object({ text: Type.String({ maxLength: 4000 }) }, { additionalProperties: false }), { maxItems: 100 }),
    followUpItems: Type.Array(MeetingFollowUpItemView, { maxItems: 100 }),
    invitations: Type.Array(MeetingInvitation, { maxItems: 1000 }),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A meeting with its agenda, decisions, follow-up items and invitations.' },
);
export type Meeting = Static<typeof Meeting>;

const Agenda = Type.Array(MeetingAgendaItem, { maxItems: 100, description: 'The agenda in order; replaces the whole agenda on an edit.' });

export const MeetingCreate = Type.Object(
  {
    startsAt: meetingTimes.startsAt,
    endsAt: meetingTimes.endsAt,
    place: Type.Optional(meetingTimes.place),
    videoUrl: Type.Optional(meetingTimes.videoUrl),
    agenda: Type.Optional(Agenda),
  },
  {
    additionalProperties: false,
    description: 'A place, a video link or both.',
    examples: [{ startsAt: '2026-11-25T13:00:00.000Z', endsAt: '2026-11-25T15:00:00.000Z', place: 'Kommunestyresalen', agenda: [{ title: 'Erfaringer fra lærlingelaget', durationMinutes: 30 }] }],
  },
);
export type MeetingCreate = Static<typeof MeetingCreate>;

export const MeetingPatch = Type.Object(
  {
    startsAt: Type.Optional(meetingTimes.startsAt),
    endsAt: Type.Optional(meetingTimes.endsAt),
    place: Type.Optional(meetingTimes.place),
    videoUrl: Type.Optional(meetingTimes.videoUrl),
    status: Type.Optional(MeetingStatus),
    minutes: Type.Optional(NullableText(20000)),
    agenda: Type.Optional(Agenda),
    decisions: Type.Optional(Type.Array(MeetingDecision, { maxItems: 100, description: 'Replaces every decision.' })),
    followUpItems: Type.Optional(Type.Array(MeetingFollowUpItem, { maxItems: 100, description: 'Replaces every follow-up item.' })),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ status: 'held', minutes: 'Lærlingelaget la fram sin nye inntaksprosess.' }] },
);
export type MeetingPatch = Static<typeof MeetingPatch>;

export const MeetingListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    sort: Type.Optional(Type.Union([Type.Literal('startsAt'), Type.Literal('-startsAt')], { default: 'startsAt', description: 'By start time; a leading minus sorts the latest first.' })),
    arenaId: Type.Optional(Uuid),
    status: Type.Optional(MeetingStatus),
    from: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'Meetings that end after this time.' })),
    to: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'Meetings that start before this time.' })),
  },
  { additionalProperties: false },
);
export type MeetingListQuery = Static<typeof MeetingListQuery>;

export const MeetingPage = Page(MeetingSummary, 'A page of meetings.');
export type MeetingPage = Static<typeof MeetingPage>;

export const MeetingInvite = Type.Object(
  {
    members: Type.Optional(Type.Boolean({ default: true, description: 'Invite every member of the arena.' })),
    personIds: Type.Optional(Type.Array(Uuid, { maxItems: 500, uniqueItems: true, description: 'People to invite besides the members.' })),
  },
  { additionalProperties: false, examples: [{ members: true, personIds: [] }] },
);
export type MeetingInvite = Static<typeof MeetingInvite>;

export const MeetingInvitationList = Type.Object(
  { items: Type.Array(MeetingInvitation, { maxItems: 1000 }), nextCursor: Type.Null() },
  { additionalProperties: false, description: 'Every invitation to the meeting, by name (not paged).' },
);
export type MeetingInvitationList = Static<typeof MeetingInvitationList>;

export const MeetingAttendance = Type.Object(
  {
    items: Type.Array(Type.Object({ personId: Uuid, attended: Type.Boolean() }, { additionalProperties: false }), { minItems: 1, maxItems: 1000 }),
  },
  { additionalProperties: false, examples: [{ items: [{ personId: '3a9b8c7d-6e5f-4a1b-9c2d-0e1f2a3b4c5d', attended: true }] }] },
);
export type MeetingAttendance = Static<typeof MeetingAttendance>;

// The signed-in person's side.

export const MyMeeting = Type.Object(
  {
    meetingId: Uuid, arenaId: Uuid, arenaName: Type.String({ maxLength: 200 }), ...meetingTimes, status: MeetingStatus,
    answer: Type.Union([MeetingAnswer, Type.Null()]),
  },
  { additionalProperties: false, description: 'A meeting the person is invited to, with their answer.' },
);
export type MyMeeting = Static<typeof MyMeeting>;

export const MyMeetingList = Type.Object(
  { items: Type.Array(MyMeeting, { maxItems: 1000 }), nextCursor: Type.Null() },
  { additionalProperties: false, description: 'By start time (not paged).' },
);
export type MyMeetingList = Static<typeof MyMeetingList>;

export const MeetingAnswerBody = Type.Object(
  { answer: MeetingAnswer },
  { additionalProperties: false, examples: [{ answer: 'accepted' }] },
);
export type MeetingAnswerBody = Static<typeof MeetingAnswerBody>;

export const MyCalendarQuery = Type.Object(
  {
    from: Type.String({ format: 'date-time', maxLength: 40, description: 'Meetings that end after this time.', examples: ['2026-11-01T00:00:00.000Z'] }),
    to: Type.String({ format: 'date-time', maxLength: 40, description: 'Meetings that start before this time; at most 100 days after `from`.', examples: ['2026-12-01T00:00:00.000Z'] }),
  },
  { additionalProperties: false },
);
export type MyCalendarQuery = Static<typeof MyCalendarQuery>;

export const CalendarFeedStatus = Type.Object(
  { active: Type.Boolean(), createdAt: Type.Union([Timestamp, Type.Null()]) },
  { additionalProperties: false, description: 'Whether the person has a feed (its link cannot be shown again).' },
);
export type CalendarFeedStatus = Static<typeof CalendarFeedStatus>;

export const CalendarFeedCreated = Type.Object(
  {
    path: Type.String({ maxLength: 300, pattern: '^/api/v1/calendar-feeds/', description: 'The feed\'s path on this server; secret, shown only now.' }),
    url: Type.Union([Type.String({ maxLength: 2300 }), Type.Null()], { description: 'The full feed URL, where the server knows its public address.' }),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type CalendarFeedCreated = Static<typeof CalendarFeedCreated>;

export const CalendarFeedParams = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'The secret feed token.' }) },
  { additionalProperties: false },
);
