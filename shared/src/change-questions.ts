import Type, { type Static } from 'typebox';
import { Cursor, IsoDate, Limit, Page, Text, Timestamp, Uuid, Version } from './common.ts';

// Questions and answers in a change process: anyone asks, named or anonymously, online;
// those who run the process record questions asked at a staff meeting, answer them (an
// answer is published to everyone) and hide what does not belong. An anonymous question
// stores no asker and no time of day (see docs/change-questions.md).

export const changeQuestionStatuses = ['open', 'answered', 'hidden'] as const;
export const ChangeQuestionStatus = Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('hidden')], {
  description: 'open: awaiting an answer; answered: the answer is published; hidden: taken down by those who run the process (shown to them, and to a named asker, only).',
});
export type ChangeQuestionStatus = Static<typeof ChangeQuestionStatus>;

export const ChangeQuestionAskedVia = Type.Union([Type.Literal('online'), Type.Literal('meeting')], {
  description: 'online: asked here; meeting: asked at a staff meeting and recorded by those who run the process.',
});
export type ChangeQuestionAskedVia = Static<typeof ChangeQuestionAskedVia>;

const QuestionText = Text(2000, { examples: ['Hva skjer med turnusen min når avdelingene slås sammen?'] });
const AnswerText = Text(8000, {
  description: 'Plain text; a blank line separates paragraphs.',
  examples: ['Turnusene beholdes ut året. Ny turnus lages sammen med de tillitsvalgte før 1. januar.'],
});
const Name = Type.Union([Text(200), Type.Null()]);

export const ChangeQuestion = Type.Object(
  {
    id: Uuid,
    processId: Uuid,
    activityId: Type.Union([Uuid, Type.Null()], { description: 'The staff meeting it was asked at; null when asked online (or the meeting was deleted).' }),
    askedVia: ChangeQuestionAskedVia,
    anonymous: Type.Boolean({ description: 'No asker is stored: asked anonymously, or at a meeting.' }),
    askerPersonId: Type.Union([Uuid, Type.Null()], { description: 'The named asker; null when anonymous.' }),
    askerName: Name,
    mine: Type.Boolean({ description: 'The caller asked it (named). Always false for an anonymous question: nothing says whose it is.' }),
    question: QuestionText,
    askedOn: IsoDate,
    ageDays: Type.Integer({ format: 'int32', minimum: 0, maximum: 100000, description: 'Days from `askedOn` to today (in Norway).' }),
    status: ChangeQuestionStatus,
    answer: Type.Union([AnswerText, Type.Null()]),
    answeredAt: Type.Union([Timestamp, Type.Null()], { description: 'When it was first answered.' }),
    answererName: Name,
    hiddenReason: Type.Union([Text(1000), Type.Null()], { description: 'Why it was hidden; only on hidden questions.' }),
    version: Version,
  },
  { additionalProperties: false, description: 'A question in a change process, with its answer when it has one. No creation time: an anonymous question has only its date.' },
);
export type ChangeQuestion = Static<typeof ChangeQuestion>;

export const ChangeQuestionCreate = Type.Object(
  {
    question: QuestionText,
    anonymous: Type.Optional(Type.Boolean({ default: false, description: 'true: your name is not stored with the question, and cannot be found later.' })),
    askedVia: Type.Optional(Type.Union([Type.Literal('online'), Type.Literal('meeting')], {
      default: 'online', description: 'meeting: record a question asked at a staff meeting (`changeProcesses:write` only); it names no asker.',
    })),
    activityId: Type.Optional(Uuid),
  },
  {
    additionalProperties: false,
    examples: [{ question: 'Hva skjer med turnusen min når avdelingene slås sammen?', anonymous: true }],
  },
);
export type ChangeQuestionCreate = Static<typeof ChangeQuestionCreate>;

export const ChangeQuestionAnswerInput = Type.Object(
  { answer: AnswerText },
  { additionalProperties: false, examples: [{ answer: 'Turnusene beholdes ut året. Ny turnus lages sammen med de tillitsvalgte før 1. januar.' }] },
);
export type ChangeQuestionAnswerInput = Static<typeof ChangeQuestionAnswerInput>;

export const ChangeQuestionHideInput = Type.Object(
  { reason: Text(1000, { examples: ['Spørsmålet omtaler en navngitt kollega.'] }) },
  { additionalProperties: false, examples: [{ reason: 'Spørsmålet omtaler en navngitt kollega.' }] },
);
export type ChangeQuestionHideInput = Static<typeof ChangeQuestionHideInput>;

export const ChangeQuestionListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('hidden')], {
      description: 'Only these; hidden needs `changeProcesses:write`.',
    })),
    activityId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type ChangeQuestionListQuery = Static<typeof ChangeQuestionListQuery>;

export const ChangeQuestionPage = Page(ChangeQuestion, 'Open questions first, oldest first; then answered ones, the newest answer first; then hidden ones.');
export type ChangeQuestionPage = Static<typeof ChangeQuestionPage>;
