import Type, { type Static } from 'typebox';
import { Cursor, IsoDate, Limit, NullableText, Page, Text, Timestamp, Uuid, Version } from './common.ts';

// Open change processes (omstilling): a reorganisation run in the open, with its mandate,
// phases with dates, project group, the units it affects, and a status everyone follows.
// The parts of a process (activities, questions, the communication plan, organisation-chart
// proposals) have their own schemas and hang on the process's id.

export const changeProcessStatuses = ['active', 'planned', 'completed', 'cancelled'] as const;
export const ChangeProcessStatus = Type.Union(
  [Type.Literal('planned'), Type.Literal('active'), Type.Literal('completed'), Type.Literal('cancelled')],
  { description: 'planned → active or cancelled; active → completed or cancelled. Completed and cancelled are final.' },
);
export type ChangeProcessStatus = Static<typeof ChangeProcessStatus>;

/** The status changes a process allows; the same status again is no change. */
export const changeProcessTransitions: Record<ChangeProcessStatus, ChangeProcessStatus[]> = {
  planned: ['active', 'cancelled'],
  active: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export const changeProcessRoles = ['projectLeader', 'member', 'manager', 'unionRepresentative', 'safetyRepresentative', 'consultant'] as const;
export const ChangeProcessRole = Type.Union(
  [
    Type.Literal('projectLeader'), Type.Literal('member'), Type.Literal('manager'),
    Type.Literal('unionRepresentative'), Type.Literal('safetyRepresentative'), Type.Literal('consultant'),
  ],
  { description: 'projectLeader, member, manager, unionRepresentative (tillitsvalgt), safetyRepresentative (verneombud) or consultant.' },
);
export type ChangeProcessRole = Static<typeof ChangeProcessRole>;

const Title = Text(200, { examples: ['Ny organisering av helse og omsorg'] });
const Mandate = Text(8000, {
  description: 'What the process is to achieve, as decided. Plain text.',
  examples: ['Kommunestyret har vedtatt å gå fra en tonivåmodell til en trenivåmodell. Prosjektet skal foreslå en ny organisering av helse og omsorg.'],
});
const Background = NullableText(8000, {
  description: 'Why the process runs. Plain text; null: none.',
  examples: ['Helse og omsorg har store utfordringer i årene som kommer.'],
});
const PhaseName = Text(200, { examples: ['Intervjuer'] });
const PhaseDescription = NullableText(4000, { examples: ['Samtaler med ledere, tillitsvalgte og ansatte i alle enhetene.'] });

export const ChangeProcessPhase = Type.Object(
  { id: Uuid, name: PhaseName, description: PhaseDescription, startsOn: IsoDate, endsOn: IsoDate },
  { additionalProperties: false, description: 'A phase of the process, from `startsOn` to `endsOn` (both included).' },
);
export type ChangeProcessPhase = Static<typeof ChangeProcessPhase>;

export const ChangeProcessPhaseInput = Type.Object(
  {
    id: Type.Optional(Type.Union([Uuid, Type.Null()], {
      description: 'A phase the process has: it is kept (so activities linked to it stay linked) and edited. Left out or null: a new phase.',
    })),
    name: PhaseName,
    description: Type.Optional(PhaseDescription),
    startsOn: IsoDate,
    endsOn: IsoDate,
  },
  { additionalProperties: false, description: 'A phase as sent: `endsOn` is on or after `startsOn` (422 `phase-ends-before-start` otherwise).' },
);
export type ChangeProcessPhaseInput = Static<typeof ChangeProcessPhaseInput>;

export const ChangeProcessMember = Type.Object(
  { personId: Uuid, name: Type.String({ maxLength: 200, description: "The person's name, for display." }), role: ChangeProcessRole },
  { additionalProperties: false },
);
export type ChangeProcessMember = Static<typeof ChangeProcessMember>;

export const ChangeProcessMemberInput = Type.Object({ personId: Uuid, role: ChangeProcessRole }, { additionalProperties: false });
export type ChangeProcessMemberInput = Static<typeof ChangeProcessMemberInput>;

export const ChangeProcessUnit = Type.Object(
  { id: Uuid, name: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);
export type ChangeProcessUnit = Static<typeof ChangeProcessUnit>;

const Phases = Type.Array(ChangeProcessPhaseInput, {
  maxItems: 50, description: 'The phases in order; replaces the whole list. A phase sent with its `id` keeps it; one left out is removed.',
});
const ProjectGroup = Type.Array(ChangeProcessMemberInput, {
  maxItems: 100, description: 'The project group in order; replaces the whole group. A person at most once (422 `duplicate-member`).',
});
const AffectedUnitIds = Type.Array(Uuid, { maxItems: 200, uniqueItems: true, description: 'The units the process affects.' });

const idExample = '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21';
const phaseExample = { name: 'Intervjuer', description: null, startsOn: '2026-02-01', endsOn: '2026-03-15' };

export const ChangeProcess = Type.Object(
  {
    id: Uuid,
    title: Title,
    mandate: Mandate,
    background: Background,
    status: ChangeProcessStatus,
    phases: Type.Array(ChangeProcessPhase, { maxItems: 50, description: 'In order.' }),
    currentPhaseId: Type.Union([Uuid, Type.Null()], {
      description: "The phase whose dates contain today's date in Norway (the first such, if phases overlap); null when none does.",
    }),
    projectGroup: Type.Array(ChangeProcessMember, { maxItems: 100 }),
    affectedUnits: Type.Array(ChangeProcessUnit, { maxItems: 200, description: 'By name. A unit removed later drops out.' }),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  {
    additionalProperties: false,
    description: 'A change process with its phases, project group and affected units.',
    examples: [{
      id: idExample, title: 'Ny organisering av helse og omsorg', mandate: 'Prosjektet skal foreslå en ny organisering av helse og omsorg.',
      background: null, status: 'active',
      phases: [{ id: '3a9b8c7d-6e5f-4a1b-9c2d-0e1f2a3b4c5d', ...phaseExample }],
      currentPhaseId: '3a9b8c7d-6e5f-4a1b-9c2d-0e1f2a3b4c5d',
      projectGroup: [{ personId: '7d2c1b0a-9e8f-4a6b-8c5d-3e2f1a0b9c8d', name: 'Kari Nordmann', role: 'projectLeader' }],
      affectedUnits: [{ id: '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c', name: 'Helse og omsorg' }],
      version: 1, createdAt: '2026-01-10T09:00:00.000Z', updatedAt: '2026-01-10T09:00:00.000Z',
    }],
  },
);
export type ChangeProcess = Static<typeof ChangeProcess>;

export const ChangeProcessCreate = Type.Object(
  {
    title: Title,
    mandate: Mandate,
    background: Type.Optional(Background),
    status: Type.Optional(Type.Union([Type.Literal('planned'), Type.Literal('active')], {
      default: 'planned', description: 'A new process is planned unless it is already under way (active).',
    })),
    phases: Type.Optional(Phases),
    projectGroup: Type.Optional(ProjectGroup),
    affectedUnitIds: Type.Optional(AffectedUnitIds),
  },
  {
    additionalProperties: false,
    examples: [{
      title: 'Ny organisering av helse og omsorg', mandate: 'Prosjektet skal foreslå en ny organisering av helse og omsorg.',
      phases: [phaseExample], projectGroup: [], affectedUnitIds: [],
    }],
  },
);
export type ChangeProcessCreate = Static<typeof ChangeProcessCreate>;

export const ChangeProcessPatch = Type.Object(
  {
    title: Type.Optional(Title),
    mandate: Type.Optional(Mandate),
    background: Type.Optional(Background),
    status: Type.Optional(ChangeProcessStatus),
    phases: Type.Optional(Phases),
    projectGroup: Type.Optional(ProjectGroup),
    affectedUnitIds: Type.Optional(AffectedUnitIds),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ status: 'active' }] },
);
export type ChangeProcessPatch = Static<typeof ChangeProcessPatch>;

export const ChangeProcessListQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor), status: Type.Optional(ChangeProcessStatus) },
  { additionalProperties: false },
);
export type ChangeProcessListQuery = Static<typeof ChangeProcessListQuery>;

export const ChangeProcessPage = Page(ChangeProcess, 'A page of change processes: active first, then planned, completed and cancelled, each by title.');
export type ChangeProcessPage = Static<typeof ChangeProcessPage>;
