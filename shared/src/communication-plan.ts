import Type, { type Static } from 'typebox';
import { Cursor, IsoDate, Limit, NullableText, Page, Text, Timestamp, Uuid, Version } from './common.ts';

// A change process's communication plan: what will be told to whom, when and how, and
// what was told. With the answers published and the staff meetings held, it makes the
// process's communication timeline.

export const changeMessageAudiences = [
  'allStaff', 'affectedStaff', 'managers', 'projectGroup', 'unionRepresentatives', 'politicians', 'public', 'serviceUsers',
] as const;
export const ChangeMessageAudience = Type.Union([
  Type.Literal('allStaff'), Type.Literal('affectedStaff'), Type.Literal('managers'), Type.Literal('projectGroup'),
  Type.Literal('unionRepresentatives'), Type.Literal('politicians'), Type.Literal('public'), Type.Literal('serviceUsers'),
], {
  description: 'Who the message is for.',
});
export type ChangeMessageAudience = (typeof changeMessageAudiences)[number];

export const changeMessageChannels = ['informationMeeting', 'staffMeeting', 'email', 'intranet', 'news', 'letter', 'press', 'other'] as const;
export const ChangeMessageChannel = Type.Union([
  Type.Literal('informationMeeting'), Type.Literal('staffMeeting'), Type.Literal('email'), Type.Literal('intranet'),
  Type.Literal('news'), Type.Literal('letter'), Type.Literal('press'), Type.Literal('other'),
], {
  description: 'How it is told.',
});
export type ChangeMessageChannel = (typeof changeMessageChannels)[number];

export const changeMessageStatuses = ['planned', 'done', 'cancelled'] as const;
export const ChangeMessageStatus = Type.Union([Type.Literal('planned'), Type.Literal('done'), Type.Literal('cancelled')], {
  description: 'planned; done (on `doneOn`); cancelled.',
});
export type ChangeMessageStatus = Static<typeof ChangeMessageStatus>;

const Title = Text(200, { examples: ['Informasjonsmøte om ny organisering'] });
const Content = NullableText(8000, { examples: ['Prosjektleder orienterer om mandatet, fasene og hvordan alle kan stille spørsmål.'] });

export const ChangeMessage = Type.Object(
  {
    id: Uuid,
    processId: Uuid,
    phaseId: Type.Union([Uuid, Type.Null()]),
    phaseName: Type.Union([Text(200), Type.Null()]),
    title: Title,
    content: Content,
    audience: ChangeMessageAudience,
    channel: ChangeMessageChannel,
    plannedOn: IsoDate,
    ownerPersonId: Type.Union([Uuid, Type.Null()], { description: 'Who is responsible for it.' }),
    ownerName: Type.Union([Text(200), Type.Null()]),
    status: ChangeMessageStatus,
    doneOn: Type.Union([IsoDate, Type.Null()], { description: 'The day it was done; set exactly when `status` is done.' }),
    overdue: Type.Boolean({ description: 'Still planned, and `plannedOn` has passed (in Norway).' }),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A message in a communication plan.' },
);
export type ChangeMessage = Static<typeof ChangeMessage>;

export const ChangeMessageCreate = Type.Object(
  {
    title: Title,
    content: Type.Optional(Content),
    audience: ChangeMessageAudience,
    channel: ChangeMessageChannel,
    plannedOn: IsoDate,
    phaseId: Type.Optional(Type.Union([Uuid, Type.Null()], { description: 'A phase of this process.' })),
    ownerPersonId: Type.Optional(Type.Union([Uuid, Type.Null()], { description: 'A person of the organisation.' })),
    status: Type.Optional(ChangeMessageStatus),
    doneOn: Type.Optional(Type.Union([IsoDate, Type.Null()], { description: 'Required with status done, and only then.' })),
  },
  {
    additionalProperties: false,
    examples: [{ title: 'Informasjonsmøte om ny organisering', audience: 'affectedStaff', channel: 'informationMeeting', plannedOn: '2026-09-01' }],
  },
);
export type ChangeMessageCreate = Static<typeof ChangeMessageCreate>;

export const ChangeMessagePatch = Type.Object(
  {
    title: Type.Optional(Title),
    content: Type.Optional(Content),
    audience: Type.Optional(ChangeMessageAudience),
    channel: Type.Optional(ChangeMessageChannel),
    plannedOn: Type.Optional(IsoDate),
    phaseId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    ownerPersonId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    status: Type.Optional(ChangeMessageStatus),
    doneOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  },
  {
    additionalProperties: false, minProperties: 1,
    description: 'The fields to change. Marking it done needs `doneOn`; leaving done clears it.',
    examples: [{ status: 'done', doneOn: '2026-09-01' }],
  },
);
export type ChangeMessagePatch = Static<typeof ChangeMessagePatch>;

export const ChangeMessageListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    status: Type.Optional(ChangeMessageStatus),
  },
  { additionalProperties: false },
);
export type ChangeMessageListQuery = Static<typeof ChangeMessageListQuery>;

export const ChangeMessagePage = Page(ChangeMessage, 'A page of the plan, by planned date.');
export type ChangeMessagePage = Static<typeof ChangeMessagePage>;

export const CommunicationTimelineKind = Type.Union([Type.Literal('message'), Type.Literal('answer'), Type.Literal('staffMeeting')], {
  description: 'message: a message of the plan, done; answer: an answer published; staffMeeting: a staff meeting held.',
});
export type CommunicationTimelineKind = Static<typeof CommunicationTimelineKind>;

export const CommunicationTimelineEntry = Type.Object(
  {
    kind: CommunicationTimelineKind,
    id: Uuid,
    date: IsoDate,
    title: Text(2000, { description: "The message's title, the question answered, or the meeting's title." }),
    channel: Type.Optional(ChangeMessageChannel),
    audience: Type.Optional(ChangeMessageAudience),
    attendedCount: Type.Optional(Type.Union([Type.Integer({ format: 'int32', minimum: 0, maximum: 100000 }), Type.Null()], {
      description: "A staff meeting's attendance, when recorded.",
    })),
  },
  { additionalProperties: false },
);
export type CommunicationTimelineEntry = Static<typeof CommunicationTimelineEntry>;

export const CommunicationTimelineQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 200, default: 100, description: 'How many entries, newest first (1–200).' })) },
  { additionalProperties: false },
);
export type CommunicationTimelineQuery = Static<typeof CommunicationTimelineQuery>;

export const CommunicationTimeline = Type.Object(
  {
    items: Type.Array(CommunicationTimelineEntry, { maxItems: 200 }),
    nextCursor: Type.Null({ description: 'Always null: the timeline is the newest `limit` entries.' }),
  },
  {
    additionalProperties: false,
    description: 'What was communicated when, newest first.',
    examples: [{
      items: [
        { kind: 'message', id: '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21', date: '2026-09-01', title: 'Informasjonsmøte om ny organisering', channel: 'informationMeeting', audience: 'affectedStaff' },
        { kind: 'staffMeeting', id: '3a9b8c7d-6e5f-4a1b-9c2d-0e1f2a3b4c5d', date: '2026-08-20', title: 'Personalmøte Helse', attendedCount: 34 },
      ],
      nextCursor: null,
    }],
  },
);
export type CommunicationTimeline = Static<typeof CommunicationTimeline>;
