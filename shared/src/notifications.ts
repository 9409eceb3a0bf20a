import Type, { type Static } from 'typebox';
import { Cursor, Limit, Timestamp, Uuid, Version } from './common.ts';

// Notifications: an in-app inbox per person and emails through the organisation's SMTP
// server, for invitations, approvals and due evaluations. Each person chooses, per kind,
// whether it reaches them in the app, by email, both or not at all.

export const notificationKinds = ['meetingInvitation', 'surveyInvitation', 'teamProposed', 'teamDecided', 'evaluationDue', 'changeQuestionAnswered'] as const;
export const NotificationKind = Type.Union([
  Type.Literal('meetingInvitation'), Type.Literal('surveyInvitation'), Type.Literal('teamProposed'), Type.Literal('teamDecided'), Type.Literal('evaluationDue'),
  Type.Literal('changeQuestionAnswered'),
], {
  description: 'meetingInvitation (invited to an arena meeting), surveyInvitation (a survey round opened for you), '
    + 'teamProposed (a team awaits your approval), teamDecided (a team you coordinate or proposed was approved or rejected), '
    + 'evaluationDue (a team\'s evaluation is due), changeQuestionAnswered (a question you asked in a change process was answered).',
});
export type NotificationKind = (typeof notificationKinds)[number];

export const emailLanguages = ['nb', 'nn', 'en'] as const;
export const EmailLanguage = Type.Union([Type.Literal('nb'), Type.Literal('nn'), Type.Literal('en')], {
  description: 'The language of the emails: bokmål (nb), nynorsk (nn) or English (en).',
});
export type EmailLanguage = (typeof emailLanguages)[number];

/** What a person gets until they choose otherwise: everything in the app, and by email. */
export const defaultNotificationChannels: Record<NotificationKind, { inApp: boolean; email: boolean }> = {
  meetingInvitation: { inApp: true, email: true },
  surveyInvitation: { inApp: true, email: true },
  teamProposed: { inApp: true, email: true },
  teamDecided: { inApp: true, email: true },
  evaluationDue: { inApp: true, email: true },
  changeQuestionAnswered: { inApp: true, email: true },
};

export const NotificationTitle = Type.String({
  minLength: 1, maxLength: 300,
  description: 'What the notification is about: the team\'s, round\'s or meeting\'s name. The client puts it in a sentence for the kind.',
  examples: ['Hverdagsrehabilitering'],
});
export const NotificationLink = Type.String({
  minLength: 1, maxLength: 500, pattern: '^/',
  description: 'Where in the web client the notification leads (a path).',
  examples: ['/teams/0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21'],
});

export const Notification = Type.Object(
  {
    id: Uuid,
    kind: NotificationKind,
    title: NotificationTitle,
    link: NotificationLink,
    subjectId: Type.String({ format: 'uuid', maxLength: 36, description: 'The team, survey round or meeting the notification is about.' }),
    createdAt: Timestamp,
    readAt: Type.Union([Timestamp, Type.Null()], { description: 'When it was marked read; null while unread.' }),
  },
  { additionalProperties: false, description: 'One notification in the signed-in person\'s inbox.' },
);
export type Notification = Static<typeof Notification>;

export const NotificationListQuery = Type.Object(
  {
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
    unread: Type.Optional(Type.Boolean({ description: 'true: only unread notifications.' })),
  },
  { additionalProperties: false },
);
export type NotificationListQuery = Static<typeof NotificationListQuery>;

const UnreadCount = Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647, description: 'How many of the person\'s notifications are unread (all of them, not only this page).' });

export const NotificationPage = Type.Object(
  {
    items: Type.Array(Notification, { maxItems: 200 }),
    nextCursor: Type.Union([Cursor, Type.Null()], { description: 'Pass as `cursor` to get the next page; null on the last page.' }),
    unreadCount: UnreadCount,
  },
  { additionalProperties: false, description: 'A page of the person\'s notifications, newest first, with the unread count.' },
);
export type NotificationPage = Static<typeof NotificationPage>;

export const NotificationReadAllResult = Type.Object(
  {
    marked: Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647, description: 'How many notifications were marked read.' }),
    unreadCount: UnreadCount,
  },
  { additionalProperties: false, description: 'Every unread notification is now read.' },
);
export type NotificationReadAllResult = Static<typeof NotificationReadAllResult>;

export const NotificationChannels = Type.Object(
  {
    kind: NotificationKind,
    inApp: Type.Boolean({ description: 'Shown in the app\'s notification list.' }),
    email: Type.Boolean({ description: 'Sent by email (when the person has an email address and the server has SMTP).' }),
  },
  { additionalProperties: false },
);
export type NotificationChannels = Static<typeof NotificationChannels>;

const Kinds = Type.Array(NotificationChannels, {
  maxItems: notificationKinds.length, description: 'One entry per kind; a kind left out keeps its current choice.',
});

export const NotificationPreferences = Type.Object(
  {
    emailLanguage: EmailLanguage,
    kinds: Type.Array(NotificationChannels, { maxItems: notificationKinds.length, description: 'Every kind, in a fixed order.' }),
    emailAddress: Type.Union([Type.String({ maxLength: 254 }), Type.Null()], {
      description: 'Where emails go: the person\'s email address in the people register; null when there is none (then no email is sent).',
    }),
    version: Version,
  },
  { additionalProperties: false, description: 'What the signed-in person receives, and how.' },
);
export type NotificationPreferences = Static<typeof NotificationPreferences>;

export const NotificationPreferencesUpdate = Type.Object(
  {
    emailLanguage: Type.Optional(EmailLanguage),
    kinds: Type.Optional(Kinds),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'The choices to change. If-Match with the current version is honoured when sent.',
    examples: [{ emailLanguage: 'nn', kinds: [{ kind: 'surveyInvitation', inApp: true, email: false }] }],
  },
);
export type NotificationPreferencesUpdate = Static<typeof NotificationPreferencesUpdate>;

export const NotificationParams = Type.Object({ id: Uuid }, { additionalProperties: false });
