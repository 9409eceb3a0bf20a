import Type, { type Static } from 'typebox';
import { Cursor, IsoDate, Limit, Page, Text, Timestamp, Uuid, Version } from './common.ts';

// Tripartite agreements (trepartssamarbeid): how politicians, administration and union
// representatives cooperate. The text is kept as numbered versions that are never changed;
// a new text is a new version, and any two can be compared.

export const tripartiteStatuses = ['draft', 'agreed', 'retired'] as const;
export const TripartiteStatus = Type.Union([Type.Literal('draft'), Type.Literal('agreed'), Type.Literal('retired')], {
  description: 'draft: being worked out; agreed: in force; retired: no longer in force (kept for the record).',
});
export type TripartiteStatus = Static<typeof TripartiteStatus>;

export const tripartiteParties = ['politicians', 'administration', 'unions'] as const;
export const TripartiteParty = Type.Union([Type.Literal('politicians'), Type.Literal('administration'), Type.Literal('unions')], {
  description: 'One of the three parties: the politicians, the administration, the union representatives.',
});
export type TripartiteParty = Static<typeof TripartiteParty>;

const AgreedBy = Type.Array(TripartiteParty, {
  maxItems: 3, uniqueItems: true,
  description: 'The parties that agreed to this text on `agreedOn`; empty for a text not (yet) agreed. Needs `agreedOn`.',
});
const AgreedOn = Type.Union([IsoDate, Type.Null()], { description: 'The day the parties agreed to this text; null: not agreed.' });
const AgreementTitle = Text(200, { examples: ['Samarbeidsavtale om trepartssamarbeid i Lagvik kommune'] });
const AgreementBody = Text(50000, {
  description: 'Plain text; a blank line separates paragraphs. No HTML: it is shown as text.',
  examples: ['1. Formål\n\nPartene skal samarbeide tidlig i alle omstillinger.\n\n2. Møter\n\nTrepartsverkstedet møtes fire ganger i året.'],
});
const ChangeNote = Text(2000, { description: 'What changed from the version before, and why.', examples: ['Lagt til fast møteplan etter trepartsverkstedet i mars.'] });
const VersionNumber = Type.Integer({ format: 'int32', minimum: 1, maximum: 100000, description: 'The version of the text: 1, 2, 3 …' });
const ArenaMeetingId = Type.Union([Uuid, Type.Null()], { description: 'The meeting (usually of the tripartite workshop) where the text was agreed.' });

export const TripartiteMeetingRef = Type.Object(
  { id: Uuid, arenaName: Type.String({ maxLength: 200 }), startsAt: Timestamp },
  { additionalProperties: false, description: 'The arena meeting, named.' },
);

export const TripartiteVersionSummary = Type.Object(
  {
    number: VersionNumber,
    title: AgreementTitle,
    changeNote: Type.Union([ChangeNote, Type.Null()]),
    agreedOn: AgreedOn,
    agreedBy: AgreedBy,
    arenaMeeting: Type.Union([TripartiteMeetingRef, Type.Null()]),
    authorPersonId: Type.Union([Uuid, Type.Null()], { description: 'Who wrote the version; null when an integration did or the person is gone.' }),
    authorName: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
    createdAt: Timestamp,
  },
  { additionalProperties: false, description: 'A version in the history, without its text.' },
);
export type TripartiteVersionSummary = Static<typeof TripartiteVersionSummary>;

export const TripartiteVersion = Type.Object(
  { agreementId: Uuid, ...TripartiteVersionSummary.properties, body: AgreementBody },
  { additionalProperties: false, description: 'A version of an agreement with its text. Never changed once written.' },
);
export type TripartiteVersion = Static<typeof TripartiteVersion>;

const agreementFields = {
  id: Uuid,
  title: AgreementTitle,
  status: TripartiteStatus,
  processId: Type.Union([Uuid, Type.Null()], { description: 'The change process it was made within; null: none.' }),
  processTitle: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  currentVersion: VersionNumber,
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const TripartiteAgreementSummary = Type.Object(
  { ...agreementFields, agreedOn: AgreedOn, agreedBy: AgreedBy },
  { additionalProperties: false, description: 'An agreement in a list: `agreedOn` and `agreedBy` are those of its current version.' },
);
export type TripartiteAgreementSummary = Static<typeof TripartiteAgreementSummary>;

export const TripartiteAgreement = Type.Object(
  {
    ...agreementFields,
    current: TripartiteVersion,
    versions: Type.Array(TripartiteVersionSummary, { maxItems: 100000, description: 'Every version, the newest first.' }),
  },
  { additionalProperties: false, description: 'An agreement with its current text and its history.' },
);
export type TripartiteAgreement = Static<typeof TripartiteAgreement>;

export const TripartiteAgreementCreate = Type.Object(
  {
    title: AgreementTitle,
    body: AgreementBody,
    status: Type.Optional(TripartiteStatus),
    processId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    changeNote: Type.Optional(Type.Union([ChangeNote, Type.Null()])),
    agreedOn: Type.Optional(AgreedOn),
    agreedBy: Type.Optional(AgreedBy),
    arenaMeetingId: Type.Optional(ArenaMeetingId),
  },
  {
    additionalProperties: false,
    description: 'A new agreement, with its text as version 1. A draft unless `status` says otherwise.',
    examples: [{
      title: 'Samarbeidsavtale om trepartssamarbeid i Lagvik kommune',
      body: '1. Formål\n\nPartene skal samarbeide tidlig i alle omstillinger.',
      changeNote: 'Første utkast fra trepartsverkstedet.',
    }],
  },
);
export type TripartiteAgreementCreate = Static<typeof TripartiteAgreementCreate>;

export const TripartiteAgreementPatch = Type.Object(
  {
    title: Type.Optional(AgreementTitle),
    status: Type.Optional(TripartiteStatus),
    processId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  {
    additionalProperties: false, minProperties: 1,
    description: 'The title, status and change process; the text changes only by a new version.',
    examples: [{ status: 'agreed' }],
  },
);
export type TripartiteAgreementPatch = Static<typeof TripartiteAgreementPatch>;

export const TripartiteVersionCreate = Type.Object(
  {
    basedOn: Type.Integer({
      format: 'int32', minimum: 1, maximum: 100000,
      description: 'The version the new text was written from: the current one, or the request is a 409 `version-added`.',
    }),
    title: Type.Optional(AgreementTitle),
    body: AgreementBody,
    changeNote: ChangeNote,
    agreedOn: Type.Optional(AgreedOn),
    agreedBy: Type.Optional(AgreedBy),
    arenaMeetingId: Type.Optional(ArenaMeetingId),
  },
  {
    additionalProperties: false,
    description: "A new text: it becomes the current version. The title is the agreement's unless given (and then becomes the agreement's).",
    examples: [{
      basedOn: 1,
      body: '1. Formål\n\nPartene skal samarbeide tidlig i alle omstillinger.\n\n2. Møter\n\nTrepartsverkstedet møtes fire ganger i året.',
      changeNote: 'Lagt til fast møteplan.', agreedOn: '2026-03-12', agreedBy: ['politicians', 'administration', 'unions'],
    }],
  },
);
export type TripartiteVersionCreate = Static<typeof TripartiteVersionCreate>;

export const TripartiteListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    status: Type.Optional(TripartiteStatus),
    processId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type TripartiteListQuery = Static<typeof TripartiteListQuery>;

export const TripartiteVersionParams = Type.Object({ id: Uuid, number: VersionNumber }, { additionalProperties: false });

export const TripartiteAgreementPage = Page(TripartiteAgreementSummary, 'A page of agreements, by title.');
export type TripartiteAgreementPage = Static<typeof TripartiteAgreementPage>;
