import Type, { type Static, type TSchema } from 'typebox';
import { Cursor, IsoDate, Limit, NullableText, Page, Text, Timestamp, Uuid, Version } from './common.ts';

// What happens in a change process, phase by phase: site visits to the affected units,
// interviews, staff meetings, process days with case work, project-group meetings. The
// fields every kind shares are common; what only one kind has is its `details`, and each
// kind is a schema of its own, told apart by `kind` (unknown fields are refused).
//
// An interview names nobody: only the interviewee's role and a pseudonym the server gives
// ("I-01", "I-02", … per process, never reused) are kept. Its notes are for those who run
// the process (`changeInterviews:read`); anyone else gets `notes: null, notesHidden: true`.

export const changeActivityKinds = ['siteVisit', 'interview', 'staffMeeting', 'processDay', 'projectGroupMeeting'] as const;
export type ChangeActivityKind = (typeof changeActivityKinds)[number];
export const ChangeActivityKind = Type.Unsafe<ChangeActivityKind>(Type.Union(changeActivityKinds.map((k) => Type.Literal(k)), {
  description: 'siteVisit: a visit to units; interview: one pseudonymised interview; staffMeeting: a meeting for the staff; processDay: a day of case work; projectGroupMeeting: a meeting of the project group.',
}));

export const intervieweeRoles = ['employee', 'leader', 'politician', 'unionRepresentative', 'safetyRepresentative', 'projectLead', 'other'] as const;
export type IntervieweeRole = (typeof intervieweeRoles)[number];
export const IntervieweeRole = Type.Unsafe<IntervieweeRole>(Type.Union(intervieweeRoles.map((r) => Type.Literal(r)), {
  description: 'The role the interviewee spoke in; the only thing recorded about them.',
}));

const ActivityTitle = Text(200, { examples: ['Befaring på Lagvik sjukeheim'] });
const Summary = NullableText(4000, { description: 'A short account of the activity, for everyone following the process.' });
const LongText = (max: number, description: string) => NullableText(max, { description });
const StringList = (maxLength: number, maxItems: number, description: string, examples: string[]) =>
  Type.Array(Text(maxLength), { maxItems, description, examples: [examples] });
const Count = (description: string) => Type.Integer({ format: 'int32', minimum: 0, maximum: 100000, description });
const UnitIds = (options: { minItems?: number; description: string }) =>
  Type.Array(Uuid, { maxItems: 100, uniqueItems: true, ...options });
const PhaseId = Type.Union([Uuid, Type.Null()], { description: 'A phase of the same process; null: not tied to a phase.' });

// ---- details, as written ----

const SiteVisitDetailsFields = {
  premises: Type.Optional(LongText(8000, 'What the premises are like.')),
  workingConditions: Type.Optional(LongText(8000, 'Working conditions observed or told about.')),
  observations: Type.Optional(LongText(8000, 'Other observations.')),
};
const InterviewDetailsFields = {
  intervieweeRole: IntervieweeRole,
  notes: Type.Optional(LongText(20000, 'Pseudonymised notes: write no names. Read only with changeInterviews:read.')),
  themes: Type.Optional(Type.Array(Text(100), { maxItems: 30, uniqueItems: true, description: 'Themes the interview raised.', examples: [['Tverrfaglig samarbeid', 'Ledelse']] })),
};
const StaffMeetingDetailsFields = {
  invitedCount: Count('How many were invited.'),
  attendedCount: Count('How many came; never more than were invited (422 otherwise).'),
};
export const ProcessDayCase = Type.Object(
  {
    title: Text(200, { examples: ['Samarbeid om utskrivning fra sykehus'] }),
    description: Type.Optional(LongText(4000, 'The case as the groups got it.')),
    groups: StringList(200, 30, 'The groups that worked on the case.', ['Gruppe 1', 'Gruppe 2']),
  },
  { additionalProperties: false },
);
export type ProcessDayCase = Static<typeof ProcessDayCase>;
const ProcessDayDetailsFields = {
  participantsCount: Count('How many took part.'),
  cases: Type.Optional(Type.Array(ProcessDayCase, { maxItems: 30, description: 'The cases worked on.' })),
  strengths: Type.Optional(StringList(1000, 100, 'What the municipality is good at.', ['Kort vei mellom fagfolk'])),
  improvements: Type.Optional(StringList(1000, 100, 'What can improve.', ['Felles møteplasser på tvers'])),
  solutions: Type.Optional(StringList(1000, 100, 'Proposed solutions.', ['Fast tverrfaglig team rundt hver bruker'])),
};
const ProjectGroupMeetingDetailsFields = {
  attendeePersonIds: Type.Optional(Type.Array(Uuid, { maxItems: 100, uniqueItems: true, description: 'People of the organisation who took part (422 for an unknown one).' })),
  notes: Type.Optional(LongText(20000, 'Minutes of the meeting.')),
  decisions: Type.Optional(StringList(1000, 100, 'What the group decided.', ['Forslaget sendes på høring'])),
};


const closed = { additionalProperties: false } as const;

// ---- create and patch: one schema per kind ----

const commonCreateFields = {
  title: ActivityTitle,
  heldOn: IsoDate,
  phaseId: Type.Optional(PhaseId),
  summary: Type.Optional(Summary),
};

function createOf<K extends ChangeActivityKind, D extends TSchema, U extends Record<string, TSchema>>(kind: K, details: D, unitIds: U, example: object) {
  return Type.Object({ kind: Type.Literal(kind), ...commonCreateFields, ...unitIds, details }, { ...closed, title: `New ${kind}`, examples: [example] });
}

export const SiteVisitCreate = createOf('siteVisit', Type.Object(SiteVisitDetailsFields, closed),
  { unitIds: UnitIds({ minItems: 1, description: 'The units visited (at least one).' }) },
  { kind: 'siteVisit', title: 'Befaring på Lagvik sjukeheim', heldOn: '2026-02-03', unitIds: ['7d2c1b0a-9e8f-4a6b-8c5d-3e2f1a0b9c8d'], details: { premises: 'Trange vaktrom.', workingConditions: 'Mye alenearbeid på natt.' } });
export const InterviewCreate = createOf('interview', Type.Object(InterviewDetailsFields, closed), {},
  { kind: 'interview', title: 'Intervju med tillitsvalgt', heldOn: '2026-02-20', details: { intervieweeRole: 'unionRepresentative', notes: 'Ønsker tydeligere roller.', themes: ['Roller', 'Ledelse'] } });
export const StaffMeetingCreate = createOf('staffMeeting', Type.Object(StaffMeetingDetailsFields, closed),
  { unitIds: Type.Optional(UnitIds({ description: 'The units invited; empty: all affected.' })) },
  { kind: 'staffMeeting', title: 'Personalmøte 1', heldOn: '2026-03-10', details: { invitedCount: 219, attendedCount: 48 } });
export const ProcessDayCreate = createOf('processDay', Type.Object(ProcessDayDetailsFields, closed),
  { unitIds: Type.Optional(UnitIds({ description: 'The units taking part.' })) },
  { kind: 'processDay', title: 'Prosessdag 1', heldOn: '2026-03-17', details: { participantsCount: 24, cases: [{ title: 'Utskrivning fra sykehus', groups: ['Gruppe 1'] }], strengths: ['Engasjerte ansatte'] } });
export const ProjectGroupMeetingCreate = createOf('projectGroupMeeting', Type.Object(ProjectGroupMeetingDetailsFields, closed),
  { unitIds: Type.Optional(UnitIds({ description: 'Units the meeting concerned.' })) },
  { kind: 'projectGroupMeeting', title: 'Prosjektgruppemøte 1', heldOn: '2026-01-15', details: { notes: 'Gjennomgang av mandatet.', decisions: ['Plan for befaringer vedtatt'] } });

export const ChangeActivityCreate = Type.Union(
  [SiteVisitCreate, InterviewCreate, StaffMeetingCreate, ProcessDayCreate, ProjectGroupMeetingCreate],
  {
    description: 'A new activity; `kind` decides which `details` it takes. An interview takes no units (a role and a unit would often name the person) and never a pseudonym: the server gives it.',
    examples: [{ kind: 'staffMeeting', title: 'Personalmøte 1', heldOn: '2026-03-10', details: { invitedCount: 219, attendedCount: 48 } }],
  },
);
export type ChangeActivityCreate = Static<typeof ChangeActivityCreate>;

const patchUnitIds = (minItems: number) => ({ unitIds: Type.Optional(UnitIds({ minItems, description: 'Replaces the units.' })) });

function patchOf<K extends ChangeActivityKind, F extends Record<string, TSchema>, U extends Record<string, TSchema>>(kind: K, fields: F, unitIds: U) {
  return Type.Object({
    kind: Type.Literal(kind, { description: "The activity's kind, which cannot change (422 `kind-cannot-change`)." }),
    title: Type.Optional(ActivityTitle),
    heldOn: Type.Optional(IsoDate),
    phaseId: Type.Optional(PhaseId),
    summary: Type.Optional(Summary),
    ...unitIds,
    details: Type.Optional(Type.Partial(Type.Object(fields, closed), { description: 'The detail fields sent replace those fields; the others stay.' })),
  }, { ...closed, minProperties: 2, title: `Edit ${kind}` });
}

export const ChangeActivityPatch = Type.Union(
  [
    patchOf('siteVisit', SiteVisitDetailsFields, patchUnitIds(1)),
    patchOf('interview', InterviewDetailsFields, {}),
    patchOf('staffMeeting', StaffMeetingDetailsFields, patchUnitIds(0)),
    patchOf('processDay', ProcessDayDetailsFields, patchUnitIds(0)),
    patchOf('projectGroupMeeting', ProjectGroupMeetingDetailsFields, patchUnitIds(0)),
  ],
  {
    description: 'Changes the fields sent. `kind` is required, so the details can be checked, and must be the activity\'s own.',
    examples: [{ kind: 'staffMeeting', details: { attendedCount: 52 } }],
  },
);
export type ChangeActivityPatch = Static<typeof ChangeActivityPatch>;

// ---- the activity, as read ----

const text = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
const list = (max: number, items: number) => Type.Array(Type.String({ maxLength: max }), { maxItems: items });

export const SiteVisitDetails = Type.Object({ premises: text(8000), workingConditions: text(8000), observations: text(8000) }, closed);
export const InterviewDetails = Type.Object({
  intervieweeRole: IntervieweeRole,
  pseudonym: Type.String({ maxLength: 10, pattern: '^I-[0-9]{2,}$', description: 'Given by the server per process, never reused.', examples: ['I-07'] }),
  notes: Type.Union([Type.String({ maxLength: 20000 }), Type.Null()], { description: 'Null when empty or hidden from the caller.' }),
  notesHidden: Type.Boolean({ description: 'True when the caller lacks changeInterviews:read (notes is then null).' }),
  themes: list(100, 30),
}, closed);
export const StaffMeetingDetails = Type.Object(StaffMeetingDetailsFields, closed);
export const ProcessDayDetails = Type.Object({
  participantsCount: Count('How many took part.'),
  cases: Type.Array(Type.Object({ title: Type.String({ maxLength: 200 }), description: text(4000), groups: list(200, 30) }, closed), { maxItems: 30 }),
  strengths: list(1000, 100),
  improvements: list(1000, 100),
  solutions: list(1000, 100),
}, closed);
export const ActivityAttendee = Type.Object({
  personId: Uuid,
  name: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'Null when the person has since been removed.' }),
}, closed);
export const ProjectGroupMeetingDetails = Type.Object({
  attendeePersonIds: Type.Array(Uuid, { maxItems: 100 }),
  attendees: Type.Array(ActivityAttendee, { maxItems: 100, description: 'The attendees with their names, in the order given.' }),
  notes: text(20000),
  decisions: list(1000, 100),
}, closed);

function activityOf<K extends ChangeActivityKind, D extends TSchema>(kind: K, details: D) {
  return Type.Object({
    id: Uuid,
    processId: Uuid,
    phaseId: Type.Union([Uuid, Type.Null()]),
    kind: Type.Literal(kind),
    title: Type.String({ maxLength: 200 }),
    heldOn: IsoDate,
    unitIds: Type.Array(Uuid, { maxItems: 100 }),
    summary: text(4000),
    details,
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }, { ...closed, title: kind });
}

export const ChangeActivity = Type.Union([
  activityOf('siteVisit', SiteVisitDetails),
  activityOf('interview', InterviewDetails),
  activityOf('staffMeeting', StaffMeetingDetails),
  activityOf('processDay', ProcessDayDetails),
  activityOf('projectGroupMeeting', ProjectGroupMeetingDetails),
], { description: 'An activity of a change process; `kind` decides its `details`.' });
export type ChangeActivity = Static<typeof ChangeActivity>;
export type ChangeActivityOf<K extends ChangeActivityKind> = Extract<ChangeActivity, { kind: K }>;

export const ChangeActivityListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    kind: Type.Optional(ChangeActivityKind),
    phaseId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type ChangeActivityListQuery = Static<typeof ChangeActivityListQuery>;

export const ChangeInterviewListQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor), phaseId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type ChangeInterviewListQuery = Static<typeof ChangeInterviewListQuery>;

export const ChangeActivityPage = Page(ChangeActivity, 'A page of activities, the earliest first (by `heldOn`).');
export type ChangeActivityPage = Static<typeof ChangeActivityPage>;

export const ChangeActivityParams = Type.Object({ activityId: Uuid }, { additionalProperties: false });

const Total = (description: string) => Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647, description });
const countsFields = Object.fromEntries(changeActivityKinds.map((k) => [k, Total(`How many ${k} activities.`)])) as Record<ChangeActivityKind, ReturnType<typeof Total>>;

export const ChangeActivitySummary = Type.Object(
  {
    processId: Uuid,
    counts: Type.Object(countsFields, { ...closed, description: 'Activities per kind.' }),
    siteVisits: Type.Array(Type.Object({
      unitId: Uuid,
      unitName: Type.String({ maxLength: 200 }),
      visited: Type.Boolean(),
      visitCount: Total('Site visits to the unit.'),
      lastVisitedOn: Type.Union([IsoDate, Type.Null()]),
    }, closed), { maxItems: 1000, description: 'Every affected unit of the process, visited or not, by name.' }),
    staffMeetings: Type.Object({
      meetings: Total('Staff meetings held.'),
      invited: Total('Invitations over all staff meetings.'),
      attended: Total('Attendances over all staff meetings.'),
    }, closed),
    interviewsByRole: Type.Array(Type.Object({ role: IntervieweeRole, count: Total('Interviews in the role.') }, closed),
      { maxItems: 7, description: 'Every role, in a fixed order, zeros included.' }),
    themes: Type.Array(Type.Object({ theme: Type.String({ maxLength: 100 }), count: Total('Interviews that raised the theme.') }, closed),
      { maxItems: 1000, description: 'Interview themes (compared without regard to case), the most frequent first.' }),
  },
  {
    additionalProperties: false,
    description: 'What the process has done so far, in figures anyone following it may see (no interview notes).',
  },
);
export type ChangeActivitySummary = Static<typeof ChangeActivitySummary>;
