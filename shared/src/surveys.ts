import Type, { type Static } from 'typebox';
import { Cursor, Limit, NullableText, Page, SearchText, Text, Timestamp, Uuid, Version } from './common.ts';
import { EffectGoal } from './teams.ts';

// Surveys (kartlegginger): a template of questions, put to an audience in rounds (a
// baseline, then follow-ups), answered anonymously through an invitation or a shared link.
// What is and is not stored about a respondent: docs/surveys.md.

export const SurveyLanguage = Type.Union([Type.Literal('nb'), Type.Literal('nn'), Type.Literal('en')], {
  description: 'The language the questions are written in: bokmål (nb), nynorsk (nn) or English (en).',
});
export type SurveyLanguage = Static<typeof SurveyLanguage>;

export const SurveyTemplateAudience = Type.Union([Type.Literal('employees'), Type.Literal('serviceUsers')], {
  description: 'employees: an employee survey, answered through personal invitations; serviceUsers: a service-user survey, answered through a shared link.',
});
export type SurveyTemplateAudience = Static<typeof SurveyTemplateAudience>;

export const SurveyQuestionType = Type.Union(
  [Type.Literal('scale'), Type.Literal('yesNo'), Type.Literal('choice'), Type.Literal('text')],
  { description: 'scale: 1 (strongly disagree) to 5 (strongly agree); yesNo; choice: one of `options`; text: free text.' },
);
export type SurveyQuestionType = Static<typeof SurveyQuestionType>;
export const surveyQuestionTypes: SurveyQuestionType[] = ['scale', 'yesNo', 'choice', 'text'];

const SurveyOption = Text(200, { examples: ['Sykepleier'] });

const questionFields = {
  text: Text(500, { examples: ['Jeg samarbeider med kolleger fra andre fagområder når oppgaven krever det.'] }),
  help: NullableText(1000, { description: 'A hint shown under the question.', examples: ['Tenk på de siste tre månedene.'] }),
  type: SurveyQuestionType,
  options: Type.Array(SurveyOption, {
    maxItems: 12,
    description: 'The choices of a choice question (2–12, in order); empty for the other types.',
  }),
  effectGoal: Type.Union([EffectGoal, Type.Null()], { description: 'The effect goal the question measures, if any.' }),
  indicator: NullableText(100, { description: 'A short label grouping questions within an effect goal.', examples: ['Samarbeid på tvers'] }),
  background: Type.Boolean({ description: 'A background variable (such as profession group): reported for the whole organisation only, never broken down.' }),
  required: Type.Boolean({ description: 'A required question must be answered for the response to be accepted.' }),
};

export const SurveyQuestion = Type.Object(
  {
    id: Uuid,
    position: Type.Integer({ format: 'int32', minimum: 1, maximum: 100, description: 'Order in the template, from 1.' }),
    ...questionFields,
  },
  { additionalProperties: false },
);
export type SurveyQuestion = Static<typeof SurveyQuestion>;

export const SurveyQuestionInput = Type.Object(
  {
    /** An existing question of this template keeps its id; leave it out for a new question. */
    id: Type.Optional(Uuid),
    text: questionFields.text,
    help: Type.Optional(questionFields.help),
    type: questionFields.type,
    options: Type.Optional(questionFields.options),
    effectGoal: Type.Optional(questionFields.effectGoal),
    indicator: Type.Optional(questionFields.indicator),
    background: Type.Optional(questionFields.background),
    required: Type.Optional(questionFields.required),
  },
  {
    additionalProperties: false,
    examples: [{ text: 'Jeg samarbeider med kolleger fra andre fagområder når oppgaven krever det.', type: 'scale', effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers', required: true }],
  },
);
export type SurveyQuestionInput = Static<typeof SurveyQuestionInput>;

const QuestionInputs = Type.Array(SurveyQuestionInput, { maxItems: 100, description: 'The whole list, in order.' });

export const SurveyQuestionsReplace = Type.Object(
  { questions: QuestionInputs },
  {
    additionalProperties: false,
    examples: [{
      questions: [
        { text: 'Jeg samarbeider med kolleger fra andre fagområder når oppgaven krever det.', type: 'scale', effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers', required: true },
        { text: 'Hvilken faggruppe tilhører du?', type: 'choice', options: ['Helse', 'Oppvekst', 'Annet'], background: true },
        { text: 'Har du forslag til bedre samarbeid?', type: 'text' },
      ],
    }],
  },
);
export type SurveyQuestionsReplace = Static<typeof SurveyQuestionsReplace>;

const templateFields = {
  name: Text(200, { examples: ['Medarbeiderundersøkelse om tverrfaglig samarbeid'] }),
  description: NullableText(4000, { description: 'Shown to respondents above the questions.', examples: ['Undersøkelsen er anonym.'] }),
  language: SurveyLanguage,
  audience: SurveyTemplateAudience,
};

export const SurveyTemplate = Type.Object(
  {
    id: Uuid,
    ...templateFields,
    questions: Type.Array(SurveyQuestion, { maxItems: 100 }),
    locked: Type.Boolean({ description: 'A round using the template has opened: it can no longer be edited (copy it instead).' }),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A survey template: the questions a round puts to its audience.' },
);
export type SurveyTemplate = Static<typeof SurveyTemplate>;

export const SurveyTemplateCreate = Type.Object(
  {
    name: templateFields.name,
    description: Type.Optional(templateFields.description),
    language: templateFields.language,
    audience: templateFields.audience,
    questions: Type.Optional(QuestionInputs),
  },
  {
    additionalProperties: false,
    examples: [{
      name: 'Medarbeiderundersøkelse om tverrfaglig samarbeid', language: 'nb', audience: 'employees',
      questions: [{ text: 'Jeg samarbeider med kolleger fra andre fagområder når oppgaven krever det.', type: 'scale', effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers', required: true }],
    }],
  },
);
export type SurveyTemplateCreate = Static<typeof SurveyTemplateCreate>;

export const SurveyTemplatePatch = Type.Object(
  {
    name: Type.Optional(templateFields.name),
    description: Type.Optional(templateFields.description),
    language: Type.Optional(templateFields.language),
    audience: Type.Optional(templateFields.audience),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ name: 'Medarbeiderundersøkelse 2027' }] },
);
export type SurveyTemplatePatch = Static<typeof SurveyTemplatePatch>;

export const SurveyTemplateListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    q: Type.Optional(SearchText),
    audience: Type.Optional(SurveyTemplateAudience),
  },
  { additionalProperties: false },
);
export type SurveyTemplateListQuery = Static<typeof SurveyTemplateListQuery>;

export const SurveyTemplatePage = Page(SurveyTemplate, 'A page of survey templates, by name.');
export type SurveyTemplatePage = Static<typeof SurveyTemplatePage>;

// Rounds

export const SurveyRoundKind = Type.Union([Type.Literal('baseline'), Type.Literal('followUp')], {
  description: 'baseline: the first measurement; followUp: a later one with the same template, compared with its baseline.',
});
export type SurveyRoundKind = Static<typeof SurveyRoundKind>;

export const SurveyRoundAudience = Type.Union(
  [Type.Literal('allEmployees'), Type.Literal('units'), Type.Literal('teamMembers'), Type.Literal('serviceUsers')],
  {
    description:
      'allEmployees: every active person; units: active people in `unitIds` and the units below them; teamMembers: active members of `teamIds`; serviceUsers: anyone with the shared link.',
  },
);
export type SurveyRoundAudience = Static<typeof SurveyRoundAudience>;

export const SurveyRoundStatus = Type.Union([Type.Literal('draft'), Type.Literal('open'), Type.Literal('closed')], {
  description: 'draft (everything editable) → open (invitations made; template, audience and thresholds fixed) → closed.',
});
export type SurveyRoundStatus = Static<typeof SurveyRoundStatus>;

const MinRespondents = Type.Integer({
  format: 'int32', minimum: 3, maximum: 1000,
  description: 'A group’s numbers are shown only with at least this many respondents (3 or more; 5 unless set).',
});
const MinTextRespondents = Type.Integer({
  format: 'int32', minimum: 3, maximum: 1000,
  description: 'Free-text answers are shown only with at least this many respondents (not below `minRespondents`; 10 unless set).',
});
const UnitIds = Type.Array(Uuid, { maxItems: 200, uniqueItems: true, description: 'audience units: these units and those below them.' });
const TeamIds = Type.Array(Uuid, { maxItems: 200, uniqueItems: true, description: 'audience teamMembers: the active members of these teams.' });

export const SurveyRound = Type.Object(
  {
    id: Uuid,
    templateId: Uuid,
    name: Text(200, { examples: ['Nullpunktsmåling 2026'] }),
    kind: SurveyRoundKind,
    baselineRoundId: Type.Union([Uuid, Type.Null()], { description: 'The baseline a follow-up is compared with.' }),
    audience: SurveyRoundAudience,
    unitIds: UnitIds,
    teamIds: TeamIds,
    opensAt: Timestamp,
    closesAt: Timestamp,
    status: SurveyRoundStatus,
    acceptingAnswers: Type.Boolean({ description: 'Open, and now is between opensAt and closesAt.' }),
    minRespondents: MinRespondents,
    minTextRespondents: MinTextRespondents,
    sharedLink: Type.Union([Type.String({ maxLength: 100, pattern: '^/svar#s_[A-Za-z0-9_-]+$' }), Type.Null()], {
      description: 'serviceUsers rounds, once opened: the path of the shared answer page (prefix it with the site address).',
    }),
    invitedCount: Type.Integer({ format: 'int32', minimum: 0, maximum: 10000000, description: 'Invitations made when the round opened.' }),
    responseCount: Type.Integer({ format: 'int32', minimum: 0, maximum: 10000000, description: 'Responses received so far.' }),
    openedAt: Type.Union([Timestamp, Type.Null()]),
    closedAt: Type.Union([Timestamp, Type.Null()]),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false, description: 'A survey round: a template put to an audience between two times.' },
);
export type SurveyRound = Static<typeof SurveyRound>;

export const SurveyRoundCreate = Type.Object(
  {
    templateId: Uuid,
    name: SurveyRound.properties.name,
    kind: SurveyRoundKind,
    baselineRoundId: Type.Optional(Type.Union([Uuid, Type.Null()], { description: 'Required for a follow-up: a baseline round of the same template.' })),
    audience: SurveyRoundAudience,
    unitIds: Type.Optional(UnitIds),
    teamIds: Type.Optional(TeamIds),
    opensAt: Timestamp,
    closesAt: Timestamp,
    minRespondents: Type.Optional(MinRespondents),
    minTextRespondents: Type.Optional(MinTextRespondents),
  },
  {
    additionalProperties: false,
    examples: [{
      templateId: '5b0e7f3c-8a1d-4c2e-9f6b-2d4a1e8c7b90', name: 'Nullpunktsmåling 2026', kind: 'baseline', audience: 'allEmployees',
      opensAt: '2026-09-01T06:00:00.000Z', closesAt: '2026-09-21T21:59:00.000Z',
    }],
  },
);
export type SurveyRoundCreate = Static<typeof SurveyRoundCreate>;

export const SurveyRoundPatch = Type.Object(
  {
    templateId: Type.Optional(Uuid),
    name: Type.Optional(SurveyRound.properties.name),
    kind: Type.Optional(SurveyRoundKind),
    baselineRoundId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    audience: Type.Optional(SurveyRoundAudience),
    unitIds: Type.Optional(UnitIds),
    teamIds: Type.Optional(TeamIds),
    opensAt: Type.Optional(Timestamp),
    closesAt: Type.Optional(Timestamp),
    minRespondents: Type.Optional(MinRespondents),
    minTextRespondents: Type.Optional(MinTextRespondents),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'A draft round: every field. An open round: name and closesAt only. A closed round: name only.',
    examples: [{ closesAt: '2026-09-28T21:59:00.000Z' }],
  },
);
export type SurveyRoundPatch = Static<typeof SurveyRoundPatch>;

export const SurveyRoundListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    q: Type.Optional(SearchText),
    status: Type.Optional(SurveyRoundStatus),
    templateId: Type.Optional(Uuid),
    kind: Type.Optional(SurveyRoundKind),
  },
  { additionalProperties: false },
);
export type SurveyRoundListQuery = Static<typeof SurveyRoundListQuery>;

export const SurveyRoundPage = Page(SurveyRound, 'A page of survey rounds, the latest opening first.');
export type SurveyRoundPage = Static<typeof SurveyRoundPage>;

// Answering (public, anonymous)

export const SurveyToken = Type.String({
  minLength: 10,
  maxLength: 64,
  pattern: '^[is]_[A-Za-z0-9_-]+$',
  description: 'The token from the answer link (`/svar#<token>`): `i_…` a personal invitation, `s_…` a shared link.',
  examples: ['i_Vq3X0f1kZ8y2b9c4d7e6f5g4h3j2k1l0m9n8p7q6r5s'],
});

export const SurveyFormRequest = Type.Object(
  { token: SurveyToken },
  { additionalProperties: false, examples: [{ token: 'i_Vq3X0f1kZ8y2b9c4d7e6f5g4h3j2k1l0m9n8p7q6r5s' }] },
);
export type SurveyFormRequest = Static<typeof SurveyFormRequest>;

export const SurveyFormQuestion = Type.Object(
  {
    id: Uuid,
    text: questionFields.text,
    help: questionFields.help,
    type: questionFields.type,
    options: questionFields.options,
    required: questionFields.required,
  },
  { additionalProperties: false },
);
export type SurveyFormQuestion = Static<typeof SurveyFormQuestion>;

export const SurveyForm = Type.Object(
  {
    roundName: SurveyRound.properties.name,
    description: templateFields.description,
    language: SurveyLanguage,
    closesAt: Timestamp,
    questions: Type.Array(SurveyFormQuestion, { maxItems: 100 }),
  },
  { additionalProperties: false, description: 'What a respondent sees: the questions, in the template’s language.' },
);
export type SurveyForm = Static<typeof SurveyForm>;

export const SurveyAnswerValue = Type.Union(
  [
    Type.Integer({ format: 'int32', minimum: 0, maximum: 11, description: 'scale: 1–5; choice: the index of the option (from 0).' }),
    Type.Boolean({ description: 'yesNo.' }),
    Type.String({ maxLength: 4000, description: 'text.' }),
    Type.Null(),
  ],
  { description: 'scale: 1–5; yesNo: true or false; choice: the option’s index; text: a string. null (or leaving the question out) is no answer.' },
);
export type SurveyAnswerValue = Static<typeof SurveyAnswerValue>;

export const SurveyAnswerInput = Type.Object(
  { questionId: Uuid, value: SurveyAnswerValue },
  { additionalProperties: false },
);
export type SurveyAnswerInput = Static<typeof SurveyAnswerInput>;

export const SurveyAnswersSubmit = Type.Object(
  {
    token: SurveyToken,
    answers: Type.Array(SurveyAnswerInput, { maxItems: 100, description: 'At most one per question; required questions must be answered.' }),
  },
  {
    additionalProperties: false,
    examples: [{
      token: 'i_Vq3X0f1kZ8y2b9c4d7e6f5g4h3j2k1l0m9n8p7q6r5s',
      answers: [{ questionId: '9c2d4e6f-1a3b-4c5d-8e7f-0a1b2c3d4e5f', value: 4 }],
    }],
  },
);
export type SurveyAnswersSubmit = Static<typeof SurveyAnswersSubmit>;

export const SurveyAnswersReceived = Type.Object(
  { received: Type.Literal(true) },
  { additionalProperties: false, description: 'The answers were stored. Nothing in the reply refers to them.' },
);
export type SurveyAnswersReceived = Static<typeof SurveyAnswersReceived>;

// The signed-in person's own invitations

export const MySurveyInvitation = Type.Object(
  {
    roundId: Uuid,
    roundName: SurveyRound.properties.name,
    opensAt: Timestamp,
    closesAt: Timestamp,
    link: Type.String({ maxLength: 100, pattern: '^/svar#i_[A-Za-z0-9_-]+$', description: 'The path of the answer page with the invitation token.' }),
  },
  { additionalProperties: false, description: 'An open round the caller is invited to and has not answered.' },
);
export type MySurveyInvitation = Static<typeof MySurveyInvitation>;

export const MySurveyInvitationList = Type.Object(
  {
    items: Type.Array(MySurveyInvitation, { maxItems: 200 }),
    nextCursor: Type.Null({ description: 'Always null: a person has few open invitations, all on one page.' }),
  },
  { additionalProperties: false, description: 'The caller’s open, unanswered invitations, closing soonest first.' },
);
export type MySurveyInvitationList = Static<typeof MySurveyInvitationList>;
