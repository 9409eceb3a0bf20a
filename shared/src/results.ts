import Type, { type Static } from 'typebox';
import { Cursor, IsoDate, Limit, NullableText, Page, Text, Timestamp, Uuid, Version } from './common.ts';

export const ResultCategory = Type.Union(
  [
    Type.Literal('routineChange'), Type.Literal('serviceQuality'), Type.Literal('resourceEfficiency'),
    Type.Literal('competence'), Type.Literal('other'),
  ],
  { description: 'routineChange (routine or process change), serviceQuality, resourceEfficiency, competence, other.' },
);
export type ResultCategory = Static<typeof ResultCategory>;
export const resultCategories: ResultCategory[] = ['routineChange', 'serviceQuality', 'resourceEfficiency', 'competence', 'other'];

const MeasureValue = Type.Number({ minimum: -1e12, maximum: 1e12 });

/** A before/after measure, such as waiting days or hours per case. */
export const ResultMeasure = Type.Object(
  {
    label: Text(200, { examples: ['Ventetid fra søknad til intervju'] }),
    unit: Text(40, { examples: ['dager'] }),
    before: Type.Union([MeasureValue, Type.Null()]),
    after: Type.Union([MeasureValue, Type.Null()]),
  },
  { additionalProperties: false },
);
export type ResultMeasure = Static<typeof ResultMeasure>;

export const EvidenceLink = Type.Object(
  {
    title: Text(200, { examples: ['Ny opplæringsplan for lærlinger'] }),
    url: Type.String({ format: 'uri', maxLength: 2000, pattern: '^https?://[^/?#\\s]+', examples: ['https://lagvik.kommune.no/larling/opplaeringsplan'] }),
  },
  { additionalProperties: false },
);
export type EvidenceLink = Static<typeof EvidenceLink>;

const resultFields = {
  title: Text(200, { examples: ['Ny intervjuguide for lærlinger'] }),
  description: NullableText(8000),
  category: ResultCategory,
  achievedOn: IsoDate,
  measures: Type.Array(ResultMeasure, { maxItems: 20 }),
  links: Type.Array(EvidenceLink, { maxItems: 20 }),
};

export const TeamResult = Type.Object(
  { id: Uuid, teamId: Uuid, ...resultFields, version: Version, createdAt: Timestamp, updatedAt: Timestamp },
  { additionalProperties: false, description: 'A concrete change a team made, with its evidence.' },
);
export type TeamResult = Static<typeof TeamResult>;

export const TeamResultCreate = Type.Object(
  {
    title: resultFields.title,
    description: Type.Optional(resultFields.description),
    category: resultFields.category,
    achievedOn: resultFields.achievedOn,
    measures: Type.Optional(resultFields.measures),
    links: Type.Optional(resultFields.links),
  },
  {
    additionalProperties: false,
    examples: [{
      title: 'Ny intervjuguide for lærlinger', category: 'routineChange', achievedOn: '2026-03-01',
      measures: [{ label: 'Ventetid fra søknad til intervju', unit: 'dager', before: 42, after: 14 }],
    }],
  },
);
export type TeamResultCreate = Static<typeof TeamResultCreate>;

export const TeamResultPatch = Type.Object(
  {
    title: Type.Optional(resultFields.title),
    description: Type.Optional(resultFields.description),
    category: Type.Optional(resultFields.category),
    achievedOn: Type.Optional(resultFields.achievedOn),
    measures: Type.Optional(resultFields.measures),
    links: Type.Optional(resultFields.links),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ description: 'Tatt i bruk i alle virksomheter.' }] },
);
export type TeamResultPatch = Static<typeof TeamResultPatch>;

export const TeamResultListQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor), category: Type.Optional(ResultCategory) },
  { additionalProperties: false },
);
export type TeamResultListQuery = Static<typeof TeamResultListQuery>;

export const TeamResultPage = Page(TeamResult, "A page of the team's results, newest first.");
export type TeamResultPage = Static<typeof TeamResultPage>;

export const TeamResultParams = Type.Object({ id: Uuid, resultId: Uuid }, { additionalProperties: false });

// Attachments of a result: the evidence as files (a training plan, a new routine).

/** The file types a result may have attached, with the file name endings each is known by. */
export const attachmentTypes = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/webp': ['.webp'],
  'text/plain': ['.txt'],
  'text/csv': ['.csv'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['.pptx'],
  'application/vnd.oasis.opendocument.text': ['.odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['.ods'],
  'application/vnd.oasis.opendocument.presentation': ['.odp'],
} as const;
export type AttachmentContentType = keyof typeof attachmentTypes;
export const attachmentContentTypes = Object.keys(attachmentTypes) as AttachmentContentType[];

/** At most this many files per result. */
export const attachmentMaxCount = 20;
/** The default largest file; an installation sets its own with ATTACHMENT_MAX_BYTES. */
export const attachmentDefaultMaxBytes = 10 * 1024 * 1024;

export const ResultAttachment = Type.Object(
  {
    id: Uuid,
    resultId: Uuid,
    fileName: Text(255, { examples: ['Opplæringsplan for lærlinger.pdf'] }),
    contentType: Type.Unsafe<AttachmentContentType>(Type.Union(attachmentContentTypes.map((t) => Type.Literal(t)), {
      description: 'The file type, as checked against the content when the file was added.',
    })),
    size: Type.Integer({ format: 'int32', minimum: 1, maximum: 2147483647, description: 'Bytes.' }),
    sha256: Type.String({ minLength: 64, maxLength: 64, pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content, in hex.' }),
    createdAt: Timestamp,
  },
  { additionalProperties: false, description: 'A file attached to a result. Its content is at `…/attachments/{attachmentId}/content`.' },
);
export type ResultAttachment = Static<typeof ResultAttachment>;

export const ResultAttachmentList = Type.Object(
  {
    items: Type.Array(ResultAttachment, { maxItems: attachmentMaxCount }),
    nextCursor: Type.Null(),
    limits: Type.Object(
      {
        maxBytes: Type.Integer({ format: 'int32', minimum: 1, maximum: 2147483647, description: 'The largest file this installation takes, in bytes.' }),
        maxCount: Type.Integer({ format: 'int32', minimum: 1, maximum: 1000, description: 'The most files one result may have.' }),
      },
      { additionalProperties: false, description: 'What an upload must keep within, so a client can say so before it sends a file.' },
    ),
  },
  { additionalProperties: false, description: "All of the result's attachments, oldest first (not paged: there are at most 20)." },
);
export type ResultAttachmentList = Static<typeof ResultAttachmentList>;

export const ResultAttachmentParams = Type.Object({ id: Uuid, resultId: Uuid, attachmentId: Uuid }, { additionalProperties: false });
