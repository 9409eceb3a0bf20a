import Type, { type Static } from 'typebox';
import { Cursor, Limit, NullableText, Page, Text, Timestamp, Uuid, Version } from './common.ts';
import { EffectGoal } from './teams.ts';

// The experience library (erfaringsdeling): what was tried, what worked, what did not and
// advice to others, linked to a team, a result or an arena meeting; comments; "useful"
// marks; Norwegian full-text search; and good examples shared across organisations.

/** A tag: stored trimmed and in lower case, inner whitespace collapsed. */
export const ExperienceTag = Type.String({
  minLength: 1, maxLength: 40, pattern: '\\S',
  description: 'A tag; the server trims it, lower-cases it and collapses inner spaces.', examples: ['lærlinger'],
});
const Tags = Type.Array(ExperienceTag, { maxItems: 20, description: 'Up to 20 tags; duplicates (after normalising) are merged.' });
const EffectGoals = Type.Array(EffectGoal, { maxItems: 5, uniqueItems: true, description: 'The effect goals the experience is about.' });
const NullableUuid = (description: string) => Type.Union([Uuid, Type.Null()], { description });
const Name = Type.String({ maxLength: 200 });
const date = (description: string) =>
  Type.String({ format: 'date', maxLength: 10, pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['2026-09-01'], description });
/** Free text searched in Norwegian: websearch syntax ("quoted phrase", -not, or). */
const Query = Type.String({
  minLength: 1, maxLength: 200, examples: ['lærlinger'],
  description: 'Words to search for, in Norwegian (bokmål or nynorsk); "a phrase", -excluded and `or` work as in a web search.',
});

/**
 * A highlighted text as plain segments: `match` marks the words the search found. The
 * client renders each as text (a <mark> for a match), never as HTML, so what someone wrote
 * can never become markup.
 */
export const TextSegment = Type.Object(
  { text: Type.String({ maxLength: 8000 }), match: Type.Boolean() },
  { additionalProperties: false },
);
export type TextSegment = Static<typeof TextSegment>;
export const TextSegments = Type.Array(TextSegment, { maxItems: 400 });

const fields = {
  title: Text(200, { examples: ['Felles intervjuguide for lærlinger'] }),
  tried: Text(8000, { description: 'What was tried.' }),
  worked: NullableText(8000, { description: 'What worked.' }),
  didNotWork: NullableText(8000, { description: 'What did not work.' }),
  advice: NullableText(8000, { description: 'Advice to others who try the same.' }),
  teamId: NullableUuid('The team the experience comes from.'),
  resultId: NullableUuid('A result of the team (with no team given, the result\'s team is taken).'),
  arenaMeetingId: NullableUuid('The arena meeting where it was shared.'),
  effectGoals: EffectGoals,
  tags: Tags,
};

export const ExperienceSharing = Type.Object(
  {
    sharedAt: Timestamp,
    showAuthor: Type.Boolean({ description: 'The other organisations see the author\'s name.' }),
    showOrganisation: Type.Boolean({ description: 'The other organisations see which organisation shared it.' }),
  },
  { additionalProperties: false, description: 'Shared as a good example with the other organisations on the installation.' },
);

export const Experience = Type.Object(
  {
    id: Uuid,
    ...fields,
    authorPersonId: NullableUuid('Who wrote it; null when an integration did, or the person was removed.'),
    authorName: Type.Union([Name, Type.Null()]),
    teamName: Type.Union([Name, Type.Null()]),
    resultTitle: Type.Union([Name, Type.Null()]),
    usefulCount: Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647, description: 'How many found it useful.' }),
    markedUseful: Type.Boolean({ description: 'Whether the caller has marked it useful.' }),
    commentCount: Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647 }),
    sharing: Type.Union([ExperienceSharing, Type.Null()]),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'An experience in the library.' },
);
export type Experience = Static<typeof Experience>;

const example = {
  title: 'Felles intervjuguide for lærlinger',
  tried: 'Alle søkere til læreplass ble intervjuet etter samme guide, med en fagperson fra to virksomheter.',
  worked: 'Færre avbrutte læreforhold det første året.',
  didNotWork: 'Intervjuene tok for lang tid i travle perioder.',
  advice: 'Sett av faste intervjudager tidlig.',
  effectGoals: ['resourceEfficiency'],
  tags: ['lærlinger', 'rekruttering'],
};

export const ExperienceCreate = Type.Object(
  {
    title: fields.title,
    tried: fields.tried,
    worked: Type.Optional(fields.worked),
    didNotWork: Type.Optional(fields.didNotWork),
    advice: Type.Optional(fields.advice),
    teamId: Type.Optional(fields.teamId),
    resultId: Type.Optional(fields.resultId),
    arenaMeetingId: Type.Optional(fields.arenaMeetingId),
    effectGoals: Type.Optional(fields.effectGoals),
    tags: Type.Optional(fields.tags),
  },
  { additionalProperties: false, examples: [example] },
);
export type ExperienceCreate = Static<typeof ExperienceCreate>;

export const ExperiencePatch = Type.Object(
  {
    title: Type.Optional(fields.title),
    tried: Type.Optional(fields.tried),
    worked: Type.Optional(fields.worked),
    didNotWork: Type.Optional(fields.didNotWork),
    advice: Type.Optional(fields.advice),
    teamId: Type.Optional(fields.teamId),
    resultId: Type.Optional(fields.resultId),
    arenaMeetingId: Type.Optional(fields.arenaMeetingId),
    effectGoals: Type.Optional(fields.effectGoals),
    tags: Type.Optional(fields.tags),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ advice: 'Sett av faste intervjudager i januar.', tags: ['lærlinger'] }] },
);
export type ExperiencePatch = Static<typeof ExperiencePatch>;

export const experienceSortOptions = ['relevance', 'createdAt', '-createdAt'] as const;
export type ExperienceSort = (typeof experienceSortOptions)[number];

export const ExperienceListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    q: Type.Optional(Query),
    sort: Type.Optional(Type.Union(experienceSortOptions.map((s) => Type.Literal(s)), {
      description: 'relevance (the default with `q`, and only with it), or by time written (`-createdAt`, the default without `q`).',
    })),
    tag: Type.Optional(ExperienceTag),
    teamId: Type.Optional(Uuid),
    unitId: Type.Optional(Type.String({ format: 'uuid', maxLength: 36, description: 'Experiences of teams in this unit or a unit below it.' })),
    profession: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Experiences of teams with a current member of this profession (case does not matter).' })),
    effectGoal: Type.Optional(EffectGoal),
    from: Type.Optional(date('Written on or after this day.')),
    to: Type.Optional(date('Written on or before this day.')),
  },
  { additionalProperties: false },
);
export type ExperienceListQuery = Static<typeof ExperienceListQuery>;

export const ExperienceHighlight = Type.Object(
  { title: TextSegments, snippet: TextSegments },
  { additionalProperties: false, description: 'The title and the best passages, with the words the search found marked.' },
);

export const ExperienceListItem = Type.Object(
  {
    id: Uuid,
    title: fields.title,
    excerpt: Type.String({ maxLength: 400, description: 'The start of what was tried.' }),
    highlight: Type.Union([ExperienceHighlight, Type.Null()], { description: 'With `q` only.' }),
    rank: Type.Union([Type.Number({ minimum: 0, maximum: 1e9 }), Type.Null()], { description: 'How well it matches `q` (higher first); null without `q`.' }),
    teamId: fields.teamId,
    teamName: Type.Union([Name, Type.Null()]),
    authorName: Type.Union([Name, Type.Null()]),
    effectGoals: fields.effectGoals,
    tags: fields.tags,
    usefulCount: Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647 }),
    commentCount: Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647 }),
    shared: Type.Boolean({ description: 'Shared as a good example with the other organisations.' }),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type ExperienceListItem = Static<typeof ExperienceListItem>;

export const ExperiencePage = Page(ExperienceListItem, 'A page of experiences: by relevance with `q`, else newest first.');
export type ExperiencePage = Static<typeof ExperiencePage>;

export const ExperienceComment = Type.Object(
  {
    id: Uuid,
    experienceId: Uuid,
    authorPersonId: NullableUuid('Who wrote it; null when an integration did, or the person was removed.'),
    authorName: Type.Union([Name, Type.Null()]),
    body: Text(4000),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type ExperienceComment = Static<typeof ExperienceComment>;

export const ExperienceCommentInput = Type.Object(
  { body: Text(4000, { examples: ['Vi prøvde det samme i barnehagene – det virket!'] }) },
  { additionalProperties: false, examples: [{ body: 'Vi prøvde det samme i barnehagene – det virket!' }] },
);
export type ExperienceCommentInput = Static<typeof ExperienceCommentInput>;

export const ExperienceCommentParams = Type.Object({ id: Uuid, commentId: Uuid }, { additionalProperties: false });

export const ExperienceCommentListQuery = Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) }, { additionalProperties: false });
export type ExperienceCommentListQuery = Static<typeof ExperienceCommentListQuery>;
export const ExperienceCommentPage = Page(ExperienceComment, 'A page of comments, oldest first.');
export type ExperienceCommentPage = Static<typeof ExperienceCommentPage>;

export const UsefulState = Type.Object(
  {
    usefulCount: Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647 }),
    markedUseful: Type.Boolean({ description: 'Whether the caller has marked it useful.' }),
  },
  { additionalProperties: false },
);
export type UsefulState = Static<typeof UsefulState>;

export const ExperienceShare = Type.Object(
  {
    showAuthor: Type.Boolean({ description: 'Show the author\'s name to the other organisations.' }),
    showOrganisation: Type.Boolean({ description: 'Show this organisation\'s name to the other organisations.' }),
  },
  { additionalProperties: false, examples: [{ showAuthor: false, showOrganisation: true }] },
);
export type ExperienceShare = Static<typeof ExperienceShare>;

export const SharedExperience = Type.Object(
  {
    id: Uuid,
    title: fields.title,
    tried: fields.tried,
    worked: fields.worked,
    didNotWork: fields.didNotWork,
    advice: fields.advice,
    effectGoals: fields.effectGoals,
    tags: fields.tags,
    sharedAt: Timestamp,
    authorName: Type.Union([Name, Type.Null()], { description: 'Only when the organisation chose to show it.' }),
    organisationName: Type.Union([Name, Type.Null()], { description: 'Only when the organisation chose to show it.' }),
    own: Type.Boolean({ description: 'Shared by the caller\'s own organisation.' }),
  },
  { additionalProperties: false, description: 'A good example shared by an organisation on this installation: only the shared fields.' },
);
export type SharedExperience = Static<typeof SharedExperience>;

export const SharedExperienceListQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(Cursor), q: Type.Optional(Query) },
  { additionalProperties: false },
);
export type SharedExperienceListQuery = Static<typeof SharedExperienceListQuery>;
export const SharedExperiencePage = Page(SharedExperience, 'A page of good examples, the most recently shared first.');
export type SharedExperiencePage = Static<typeof SharedExperiencePage>;

export const LibraryHitKind = Type.Union([Type.Literal('experience'), Type.Literal('team'), Type.Literal('result')]);
export type LibraryHitKind = Static<typeof LibraryHitKind>;

export const LibraryHit = Type.Object(
  {
    kind: LibraryHitKind,
    id: Uuid,
    teamId: NullableUuid('The team (for a team, itself; for a result, its team; for an experience, its team if any).'),
    title: TextSegments,
    snippet: TextSegments,
    rank: Type.Number({ minimum: 0, maximum: 1e9 }),
    link: Type.String({ maxLength: 200, pattern: '^/api/v1/', description: 'The API path of what was found.' }),
  },
  { additionalProperties: false },
);
export type LibraryHit = Static<typeof LibraryHit>;

export const LibrarySearchQuery = Type.Object(
  { q: Query, limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
);
export type LibrarySearchQuery = Static<typeof LibrarySearchQuery>;
export const LibrarySearchPage = Page(LibraryHit, 'Experiences, teams and results matching `q`, best match first.');
export type LibrarySearchPage = Static<typeof LibrarySearchPage>;
