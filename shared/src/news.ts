import Type, { type Static } from 'typebox';
import { Cursor, IsoDate, Limit, Page, Text, Timestamp, Uuid, Version } from './common.ts';
import { ResultCategory } from './results.ts';

// News and announcements on the home page, and the showcase of teams and their latest
// results: the programme's "information and communication that makes the teams and their
// work visible".

export const NewsKind = Type.Union([Type.Literal('news'), Type.Literal('announcement')], {
  description: 'news: a story about the programme; announcement: a notice that usually ends on `expiresOn`.',
});
export type NewsKind = Static<typeof NewsKind>;
export const newsKinds: NewsKind[] = ['news', 'announcement'];

export const NewsStatus = Type.Union(
  [Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('published'), Type.Literal('expired')],
  { description: 'draft: not published; scheduled: published from a future time; published: shown now; expired: its `expiresOn` has passed.' },
);
export type NewsStatus = Static<typeof NewsStatus>;
export const newsStatuses: NewsStatus[] = ['published', 'draft', 'scheduled', 'expired'];

const AudienceUnitIds = Type.Array(Uuid, {
  maxItems: 50, uniqueItems: true,
  description: 'Empty: everyone. Otherwise the people of these units and of the units below them (and who leads them).',
});
const NewsTitle = Text(200, { examples: ['Nytt arbeidslag for lærlinger'] });
const NewsBody = Text(20000, {
  description: 'Plain text; a blank line separates paragraphs. No HTML: it is shown as text.',
  examples: ['Arbeidslaget for lærlinger har endret inntak, intervjuer og oppfølging.\n\nLes mer om resultatene på lagets side.'],
});
const ExpiresOn = Type.Union([IsoDate, Type.Null()], { description: 'The last day the item is shown; null: it does not expire.' });

export const NewsItem = Type.Object(
  {
    id: Uuid,
    kind: NewsKind,
    title: NewsTitle,
    body: NewsBody,
    pinned: Type.Boolean({ description: 'Shown before the others.' }),
    audienceUnitIds: AudienceUnitIds,
    publishedAt: Type.Union([Timestamp, Type.Null()], { description: 'When it is (or was) published; null for a draft.' }),
    expiresOn: ExpiresOn,
    status: NewsStatus,
    authorPersonId: Type.Union([Uuid, Type.Null()], { description: 'Who wrote it; null when an integration did.' }),
    authorName: Type.Union([Text(200), Type.Null()]),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A news item or an announcement.' },
);
export type NewsItem = Static<typeof NewsItem>;

export const NewsItemCreate = Type.Object(
  {
    kind: NewsKind,
    title: NewsTitle,
    body: NewsBody,
    pinned: Type.Optional(Type.Boolean({ default: false })),
    audienceUnitIds: Type.Optional(AudienceUnitIds),
    expiresOn: Type.Optional(ExpiresOn),
  },
  {
    additionalProperties: false,
    description: 'A new item is a draft: publish it with POST /news/{id}/publish.',
    examples: [{
      kind: 'announcement', title: 'Nettverksmøte for koordinatorer 12. mars',
      body: 'Alle koordinatorer inviteres til nettverksmøte i kommunestyresalen.\n\nMeld dere på hos HR.',
      pinned: true, expiresOn: '2030-03-12',
    }],
  },
);
export type NewsItemCreate = Static<typeof NewsItemCreate>;

export const NewsItemPatch = Type.Object(
  {
    kind: Type.Optional(NewsKind),
    title: Type.Optional(NewsTitle),
    body: Type.Optional(NewsBody),
    pinned: Type.Optional(Type.Boolean()),
    audienceUnitIds: Type.Optional(AudienceUnitIds),
    expiresOn: Type.Optional(ExpiresOn),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ pinned: false, expiresOn: '2030-04-01' }] },
);
export type NewsItemPatch = Static<typeof NewsItemPatch>;

export const NewsPublish = Type.Object(
  {
    publishAt: Type.Optional(Type.String({
      format: 'date-time', maxLength: 40, examples: ['2030-03-01T07:00:00.000Z'],
      description: 'Schedule it from this time (not in the past); now unless given.',
    })),
  },
  { additionalProperties: false, examples: [{ publishAt: '2030-03-01T07:00:00.000Z' }] },
);
export type NewsPublish = Static<typeof NewsPublish>;

export const NewsListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    status: Type.Optional(Type.Union(
      [Type.Literal('published'), Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('expired')],
      { default: 'published', description: 'published (the default) for everyone; draft, scheduled and expired need `news:write`.' },
    )),
    kind: Type.Optional(NewsKind),
    pinned: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NewsListQuery = Static<typeof NewsListQuery>;

export const NewsPage = Page(NewsItem, 'A page of news items: pinned first, then the newest.');
export type NewsPage = Static<typeof NewsPage>;

export const ShowcaseResult = Type.Object(
  {
    id: Uuid,
    title: Text(200, { examples: ['Strukturert intervjuguide for lærlinger'] }),
    category: ResultCategory,
    achievedOn: IsoDate,
  },
  { additionalProperties: false, description: "The team's latest result: the latest `achievedOn`, the latest recorded on the same day." },
);

export const ShowcaseTeam = Type.Object(
  {
    teamId: Uuid,
    name: Text(200, { examples: ['Arbeidslag for lærlinger'] }),
    purpose: Type.Union([Text(4000), Type.Null()]),
    units: Type.Array(Type.Object({ id: Uuid, name: Text(200) }, { additionalProperties: false }), { maxItems: 50 }),
    professions: Type.Array(Text(100), { maxItems: 100, description: 'Professions of the current members.' }),
    latestResult: ShowcaseResult,
  },
  { additionalProperties: false },
);
export type ShowcaseTeam = Static<typeof ShowcaseTeam>;

export const ShowcaseQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 50, default: 6, description: 'How many teams (1–50).' })) },
  { additionalProperties: false },
);
export type ShowcaseQuery = Static<typeof ShowcaseQuery>;

export const TeamShowcase = Type.Object(
  {
    items: Type.Array(ShowcaseTeam, { maxItems: 50 }),
    nextCursor: Type.Null({ description: 'Always null: the showcase is the newest few, not a catalogue (GET /teams pages all).' }),
  },
  {
    additionalProperties: false,
    description: 'Active teams that have results, the team with the newest result first.',
    examples: [{
      items: [{
        teamId: '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21', name: 'Arbeidslag for lærlinger', purpose: 'Bedre inntak og oppfølging av lærlinger.',
        units: [{ id: '7d2c1b0a-9e8f-4a6b-8c5d-3e2f1a0b9c8d', name: 'HR' }], professions: ['Helsefagarbeider'],
        latestResult: { id: '3a9b8c7d-6e5f-4a1b-9c2d-0e1f2a3b4c5d', title: 'Strukturert intervjuguide', category: 'routineChange', achievedOn: '2026-03-01' },
      }],
      nextCursor: null,
    }],
  },
);
export type TeamShowcase = Static<typeof TeamShowcase>;
