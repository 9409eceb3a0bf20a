import Type, { type Static } from 'typebox';
import { Cursor, IsoDate, Limit, Page, Text, Timestamp, Uuid, Version } from './common.ts';
import { UnitKind } from './units.ts';

// Organisation charts: the current structure drawn from the units, and proposals of a change
// process that redraw it (all of it, or the subtree under one unit), compared side by side,
// commented on in rounds, decided, and applied to the unit tree.

const exampleUnitId = '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21';

export const OrgChartNodeKey = Type.String({
  minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$',
  description: 'The node\'s key within the chart (letters, digits, - and _). An existing unit\'s node usually uses the unit\'s id.',
  examples: ['helse', exampleUnitId],
});

const NullableUuid = (description: string) => Type.Union([Uuid, Type.Null()], { description });

/** A node as written in a proposal. */
export const OrgChartNode = Type.Object(
  {
    key: OrgChartNodeKey,
    unitId: NullableUuid('The existing unit this node is; null for a unit the proposal creates.'),
    name: Text(200, { examples: ['Helse og omsorg'] }),
    kind: UnitKind,
    parentKey: Type.Union([OrgChartNodeKey, Type.Null()], { description: 'The node above; null for the top node.' }),
    managerPersonId: NullableUuid('The person who leads the unit; null: nobody named yet.'),
  },
  { additionalProperties: false },
);
export type OrgChartNode = Static<typeof OrgChartNode>;

export const OrgChartNodes = Type.Array(OrgChartNode, {
  maxItems: 500,
  description: 'One tree. With a root unit, exactly one top node, and it is that unit; existing units must lie in the root\'s subtree.',
});

/** A node as read: with the manager's name and the unit's people. */
export const OrgChartNodeView = Type.Object(
  {
    ...OrgChartNode.properties,
    managerName: Type.Union([Text(200), Type.Null()]),
    people: Type.Integer({ format: 'int32', minimum: 0, maximum: 1000000, description: 'Active people placed directly in the unit today (0 for a unit not yet created).' }),
  },
  { additionalProperties: false },
);
export type OrgChartNodeView = Static<typeof OrgChartNodeView>;

export const OrgChart = Type.Object(
  {
    rootUnitId: NullableUuid('The subtree drawn; null: the whole organisation.'),
    nodes: Type.Array(OrgChartNodeView, { maxItems: 5000 }),
  },
  { additionalProperties: false, description: 'The current structure: active units, each node keyed by its unit id.' },
);
export type OrgChart = Static<typeof OrgChart>;

export const OrgChartQuery = Type.Object(
  { rootUnitId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type OrgChartQuery = Static<typeof OrgChartQuery>;

export const OrgChartProposalStatus = Type.Union(
  [Type.Literal('draft'), Type.Literal('decided'), Type.Literal('applied'), Type.Literal('rejected')],
  { description: 'draft: being worked on; decided: adopted, waiting to be applied; applied: the unit tree was changed to it; rejected: not adopted.' },
);
export type OrgChartProposalStatus = Static<typeof OrgChartProposalStatus>;

export const OrgChartCommentRound = Type.Object(
  {
    id: Uuid,
    proposalId: Uuid,
    opensOn: IsoDate,
    closesOn: IsoDate,
    closedAt: Type.Union([Timestamp, Type.Null()], { description: 'When it was closed by hand; null otherwise.' }),
    open: Type.Boolean({ description: 'Open for comments today: not closed, and the closing day not passed.' }),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type OrgChartCommentRound = Static<typeof OrgChartCommentRound>;

const ProposalTitle = Text(200, { examples: ['Tre nivå med kommunalsjefar'] });
const ProposalDescription = Type.Union([Text(4000), Type.Null()], { examples: ['Et nytt nivå av kommunalsjefer under kommunedirektøren.'] });

export const OrgChartProposal = Type.Object(
  {
    id: Uuid,
    processId: Uuid,
    title: ProposalTitle,
    description: ProposalDescription,
    rootUnitId: NullableUuid('The unit whose subtree the proposal redraws; null: the whole organisation.'),
    rootUnitName: Type.Union([Text(200), Type.Null()]),
    nodes: Type.Array(OrgChartNodeView, { maxItems: 500 }),
    status: OrgChartProposalStatus,
    decidedOn: Type.Union([IsoDate, Type.Null()]),
    decisionReference: Type.Union([Text(200), Type.Null()], { description: 'The decision, for example a case number.' }),
    appliedAt: Type.Union([Timestamp, Type.Null()]),
    appliedByName: Type.Union([Text(200), Type.Null()]),
    beforeNodes: Type.Union([Type.Array(OrgChartNode, { maxItems: 5000 }), Type.Null()], {
      description: 'The structure just before the proposal was applied; null until then.',
    }),
    rounds: Type.Array(OrgChartCommentRound, { maxItems: 200, description: 'Comment rounds, the newest first.' }),
    comments: Type.Integer({ format: 'int32', minimum: 0, maximum: 1000000, description: 'How many comments it has had.' }),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A proposed organisation chart of a change process.' },
);
export type OrgChartProposal = Static<typeof OrgChartProposal>;

export const OrgChartProposalCreate = Type.Object(
  {
    title: ProposalTitle,
    description: Type.Optional(ProposalDescription),
    rootUnitId: Type.Optional(NullableUuid('The subtree to redraw; null or left out: the whole organisation.')),
    fromCurrent: Type.Optional(Type.Boolean({ description: 'Start from the current structure of the subtree (the default when no nodes are sent).' })),
    nodes: Type.Optional(OrgChartNodes),
  },
  {
    additionalProperties: false,
    description: 'Send `nodes`, or leave them out to start from the current structure.',
    examples: [{ title: 'Tre nivå med kommunalsjefar', rootUnitId: exampleUnitId, fromCurrent: true }],
  },
);
export type OrgChartProposalCreate = Static<typeof OrgChartProposalCreate>;

export const OrgChartProposalPatch = Type.Object(
  {
    title: Type.Optional(ProposalTitle),
    description: Type.Optional(ProposalDescription),
    nodes: Type.Optional(OrgChartNodes),
  },
  {
    additionalProperties: false, minProperties: 1,
    examples: [{ nodes: [{ key: 'helse', unitId: exampleUnitId, name: 'Helse og omsorg', kind: 'serviceArea', parentKey: null, managerPersonId: null }] }],
  },
);
export type OrgChartProposalPatch = Static<typeof OrgChartProposalPatch>;

export const OrgChartProposalListQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor), status: Type.Optional(OrgChartProposalStatus) },
  { additionalProperties: false },
);
export type OrgChartProposalListQuery = Static<typeof OrgChartProposalListQuery>;

export const OrgChartProposalPage = Page(OrgChartProposal, 'A page of proposals, the oldest first.');
export type OrgChartProposalPage = Static<typeof OrgChartProposalPage>;

export const OrgChartDecision = Type.Object(
  {
    decidedOn: IsoDate,
    decisionReference: Text(200, { examples: ['PS 12/2026'] }),
    outcome: Type.Optional(Type.Union([Type.Literal('adopted'), Type.Literal('rejected')], {
      default: 'adopted', description: 'adopted: status `decided`, ready to apply; rejected: status `rejected`.',
    })),
  },
  { additionalProperties: false, examples: [{ decidedOn: '2026-05-20', decisionReference: 'PS 12/2026' }] },
);
export type OrgChartDecision = Static<typeof OrgChartDecision>;

export const OrgChartApply = Type.Object({}, { additionalProperties: false, description: 'No fields.' });

export const OrgChartCommentRoundCreate = Type.Object(
  { closesOn: IsoDate },
  { additionalProperties: false, examples: [{ closesOn: '2099-06-01' }], description: 'Opens today; closes at the end of `closesOn` (today or later).' },
);
export type OrgChartCommentRoundCreate = Static<typeof OrgChartCommentRoundCreate>;

export const OrgChartComment = Type.Object(
  {
    id: Uuid,
    proposalId: Uuid,
    roundId: Uuid,
    personId: Uuid,
    personName: Text(200),
    nodeKey: Type.Union([OrgChartNodeKey, Type.Null()], { description: 'The node it is about; null: the whole proposal.' }),
    nodeName: Type.Union([Text(200), Type.Null()], { description: 'That node\'s name in the proposal today (null if it is gone).' }),
    body: Text(4000),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type OrgChartComment = Static<typeof OrgChartComment>;

export const OrgChartCommentCreate = Type.Object(
  {
    body: Text(4000, { examples: ['Kommunalsjefen for helse bør ha færre enheter under seg.'] }),
    nodeKey: Type.Optional(Type.Union([OrgChartNodeKey, Type.Null()])),
  },
  { additionalProperties: false, examples: [{ body: 'Kommunalsjefen for helse bør ha færre enheter under seg.' }] },
);
export type OrgChartCommentCreate = Static<typeof OrgChartCommentCreate>;

export const OrgChartCommentListQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
);
export type OrgChartCommentListQuery = Static<typeof OrgChartCommentListQuery>;

export const OrgChartCommentPage = Page(OrgChartComment, 'Comments, the oldest first.');
export type OrgChartCommentPage = Static<typeof OrgChartCommentPage>;

export const OrgChartComparisonQuery = Type.Object(
  {
    against: Type.Optional(Type.String({
      minLength: 1, maxLength: 36, pattern: '^(current|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$',
      default: 'current', examples: ['current'],
      description: '`current` (the live structure of the same subtree) or another proposal\'s id.',
    })),
  },
  { additionalProperties: false },
);
export type OrgChartComparisonQuery = Static<typeof OrgChartComparisonQuery>;

const Count = Type.Integer({ format: 'int32', minimum: 0, maximum: 1000000 });
const Mean = Type.Number({ minimum: 0, maximum: 1000000, description: 'Rounded to one decimal.' });
const Name = Text(200);
const NullableName = Type.Union([Text(200), Type.Null()]);

export const OrgChartSpan = Type.Object(
  {
    key: OrgChartNodeKey, name: Name, level: Type.Integer({ format: 'int32', minimum: 1, maximum: 500 }),
    managerName: NullableName, childUnits: Count, people: Count,
  },
  { additionalProperties: false, description: 'One unit\'s span: the units directly below it and the people placed directly in it.' },
);

export const OrgChartSide = Type.Object(
  {
    label: Name,
    proposalId: Type.Union([Uuid, Type.Null()], { description: 'null: the current structure.' }),
    units: Count,
    levels: Count,
    unitsPerLevel: Type.Array(Count, { maxItems: 500, description: 'Units at level 1, 2, …' }),
    maxChildUnits: Count,
    meanChildUnits: Mean,
    maxPeople: Count,
    meanPeople: Mean,
    spans: Type.Array(OrgChartSpan, { maxItems: 5000 }),
  },
  {
    additionalProperties: false,
    description: 'Figures of one side. meanChildUnits is over the units that have units below them; meanPeople over all units.',
  },
);
export type OrgChartSide = Static<typeof OrgChartSide>;

const Parent = Type.Union([Type.Object({ key: OrgChartNodeKey, name: Name }, { additionalProperties: false }), Type.Null()]);

export const OrgChartComparison = Type.Object(
  {
    before: OrgChartSide,
    after: OrgChartSide,
    moved: Type.Array(Type.Object({ unitId: Uuid, name: Name, fromParent: Parent, toParent: Parent }, { additionalProperties: false }), { maxItems: 5000 }),
    renamed: Type.Array(Type.Object({ unitId: Uuid, from: Name, to: Name }, { additionalProperties: false }), { maxItems: 5000 }),
    kindChanged: Type.Array(Type.Object({ unitId: Uuid, name: Name, from: UnitKind, to: UnitKind }, { additionalProperties: false }), { maxItems: 5000 }),
    managerChanged: Type.Array(Type.Object({ unitId: Uuid, name: Name, from: NullableName, to: NullableName }, { additionalProperties: false }), { maxItems: 5000 }),
    added: Type.Array(Type.Object({ key: OrgChartNodeKey, name: Name, kind: UnitKind, parent: Parent }, { additionalProperties: false }), { maxItems: 5000 }),
    removed: Type.Array(Type.Object({ unitId: Uuid, name: Name, people: Count }, { additionalProperties: false }), { maxItems: 5000 }),
  },
  {
    additionalProperties: false,
    description: 'What changes from `before` to `after`: existing units are matched by unit id; a node without one is a new unit.',
  },
);
export type OrgChartComparison = Static<typeof OrgChartComparison>;
