import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { AuditPage, AuditQuery } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { actorOf, grantOf } from '../auth/actor.ts';
import { withoutInterviewNotes } from '../change-activities/audit.ts';
import { json, problemResponses } from '../http/responses.ts';
import { listAuditEvents } from './repository.ts';

const tags = ['Audit trail'];

/** What `entity` can be: every table the audit trigger watches, and sign-ins. */
export const auditEntityDescription = [
  '`entity` is the table that changed: `organisations`, `units`, `people`, `criteria_sets`, `criteria`, `teams`,',
  '`team_units`, `team_members`, `team_assessment_answers`, `team_results`, `team_result_attachments` (a file\'s name, type, size and SHA-256, never its content), `evaluations`, `evaluation_assessments`, `evaluation_answers`, `survey_templates`, `survey_questions`, `survey_rounds` (never invitations, responses or answers: answering is anonymous), `follow_up_actions`, `follow_up_reviews`, `accounts`, `api_tokens`, `identity_providers`, `public_dashboards`; and `sessions`',
  'for sign-in and sign-out (actions `signIn`, `signOut`). `entityId` is the row\'s id; for `team_units` and',
  '`team_assessment_answers`, which have none of their own, the team\'s id; for `evaluation_assessments` and `evaluation_answers`, the evaluation\'s id; `public_dashboards` (one row per organisation) has none.',
  'Arenas add `arenas`, `arena_members`, `arena_meetings`, `meeting_agenda_items`, `meeting_decisions`, `meeting_follow_up_items`, `meeting_invitations` and `calendar_feeds` (never the feed\'s secret, only that a feed was made or revoked);',
  'competence measures add `competence_measures`, `competence_measure_teams`, `competence_sessions` and `competence_enrolments`; news adds `news_items`.',
  'The experience library adds `experiences`, `experience_comments` and `experience_useful_marks` (a mark has no id of its own: its `entityId` is null, and `changes` names the experience and the person).',
  'Change processes add `change_processes`, `change_process_phases` and `change_process_members`.',
  'Change activities add `change_activities` (an interview\'s notes are left out for a caller without `changeInterviews:read`).',
  'Questions and the communication plan add `change_questions` (an anonymous question\'s asking is not recorded: only its later answer, hiding or removal, by whoever did that) and `change_messages`.',
  'Organisation charts add `org_chart_proposals`, `org_chart_comment_rounds` and `org_chart_comments` (applying a proposal records each unit\'s change under `units`).',
  'Tripartite agreements add `tripartite_agreements` and `tripartite_agreement_versions` (a version is only ever created, or deleted with a draft agreement).',
  'Notifications, their settings and the email outbox are not audited: they are each person\'s own inbox, derived from audited changes.',
].join(' ');

export const auditRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/audit-events', {
    config: { permission: 'audit:read' },
    schema: {
      operationId: 'listAuditEvents', tags, summary: 'List audit events',
      description: `Every recorded change in the organisation, newest first: who (a person's account, an integration token, the CLI or the system), when, the request id, and the changed fields before and after (secrets only as \`redacted\`). The trail is append-only: the database refuses to change or delete an event. ${auditEntityDescription} Filters: \`entity\`, \`entityId\`, \`personId\` (the acting person), \`tokenId\` (the acting token), and \`from\` ≤ occurredAt < \`to\`.`,
      querystring: AuditQuery,
      response: { 200: json(AuditPage, 'A page of events.'), ...problemResponses() },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const page = await listAuditEvents(db, actor.organisationId, request.query);
    return grantOf(actor, 'changeInterviews:read') ? page : withoutInterviewNotes(page);
  });
};
