import type { Permission } from '@lagverk/shared';

// The whole product as the navigation shows it. Sections marked `built: false` get a
// plain "not built yet" page until their issue is done. A section with a `permission`
// is shown only to users who hold it (its routes declare the same).

export interface Section {
  key: string;
  path: string;
  built: boolean;
  permission?: Permission;
}

export const sections: Section[] = [
  { key: 'home', path: '/', built: true },
  { key: 'news', path: '/news', built: true, permission: 'news:read' },
  { key: 'teams', path: '/teams', built: true, permission: 'teams:read' },
  { key: 'criteria', path: '/criteria', built: true, permission: 'criteria:read' },
  { key: 'evaluations', path: '/evaluations', built: true, permission: 'evaluations:read' },
  { key: 'surveys', path: '/surveys', built: true, permission: 'surveys:read' },
  { key: 'surveyResults', path: '/survey-results', built: true, permission: 'surveyResults:read' },
  { key: 'followUp', path: '/follow-up-actions', built: true, permission: 'actions:read' },
  { key: 'arenas', path: '/arenas', built: true, permission: 'arenas:read' },
  { key: 'experiences', path: '/experiences', built: true, permission: 'experiences:read' },
  { key: 'competence', path: '/competence', built: true, permission: 'competence:read' },
  { key: 'effect', path: '/effect', built: true, permission: 'dashboard:read' },
  { key: 'change', path: '/change-processes', built: true, permission: 'changeProcesses:read' },
  { key: 'tripartite', path: '/tripartite-agreements', built: true, permission: 'tripartite:read' },
];

export const adminSections: Section[] = [
  { key: 'units', path: '/units', built: true, permission: 'units:read' },
  { key: 'people', path: '/people', built: true, permission: 'people:read' },
  { key: 'accounts', path: '/accounts', built: true, permission: 'accounts:read' },
  { key: 'tokens', path: '/tokens', built: true, permission: 'tokens:read' },
  { key: 'singleSignOn', path: '/single-sign-on', built: true, permission: 'accounts:write' },
  { key: 'audit', path: '/audit', built: true, permission: 'audit:read' },
  { key: 'publicDashboard', path: '/public-dashboard', built: true, permission: 'organisation:write' },
];
