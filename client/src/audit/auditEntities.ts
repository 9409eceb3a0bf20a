import type { AuditEvent } from '@lagverk/shared';

/** The tables the trail records (the server's audit trigger), and `sessions` for sign-ins. */
export const auditEntities = [
  'organisations', 'units', 'people', 'criteria_sets', 'criteria', 'teams', 'team_units', 'team_members',
  'team_assessment_answers', 'team_results', 'team_result_attachments', 'evaluations', 'evaluation_assessments',
  'evaluation_answers', 'survey_templates', 'survey_questions', 'survey_rounds', 'follow_up_actions', 'follow_up_reviews',
  'public_dashboards', 'arenas', 'arena_members', 'arena_meetings', 'meeting_agenda_items', 'meeting_decisions',
  'meeting_follow_up_items', 'meeting_invitations', 'calendar_feeds', 'experiences', 'experience_comments',
  'experience_useful_marks', 'competence_measures', 'competence_measure_teams', 'competence_sessions',
  'competence_enrolments', 'news_items', 'change_processes', 'change_process_phases', 'change_process_members', 'change_activities', 'change_questions', 'change_messages', 'org_chart_proposals', 'org_chart_comment_rounds', 'org_chart_comments', 'tripartite_agreements', 'tripartite_agreement_versions', 'accounts', 'api_tokens', 'identity_providers', 'sessions',
] as const;
export type AuditEntity = (typeof auditEntities)[number];

// team_units and team_assessment_answers have no id of their own; the trail gives the team's.
const pages: Partial<Record<string, (id: string) => string>> = {
  units: (id) => `/units/${id}`,
  people: (id) => `/people/${id}`,
  teams: (id) => `/teams/${id}`,
  team_units: (id) => `/teams/${id}`,
  team_assessment_answers: (id) => `/teams/${id}`,
  criteria_sets: (id) => `/criteria/${id}`,
  accounts: (id) => `/accounts/${id}`,
  survey_templates: (id) => `/surveys/templates/${id}`,
  survey_rounds: (id) => `/surveys/rounds/${id}`,
  follow_up_actions: (id) => `/follow-up-actions/${id}`,
  arenas: (id) => `/arenas/${id}`,
  experiences: (id) => `/experiences/${id}`,
  competence_measures: (id) => `/competence/measures/${id}`,
  news_items: (id) => `/news/${id}`,
  change_processes: (id) => `/change-processes/${id}`,
  change_activities: (id) => `/change-activities/${id}`,
  tripartite_agreements: (id) => `/tripartite-agreements/${id}`,
};

/** The client page that shows the changed row, where there is one. */
export function entityPage(event: AuditEvent): string | null {
  const page = pages[event.entity];
  return page && event.entityId ? page(encodeURIComponent(event.entityId)) : null;
}
