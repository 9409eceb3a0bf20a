// The whole product as the navigation shows it. Sections marked `built: false` get a
// plain "not built yet" page until their issue is done.

export interface Section {
  key: string;
  path: string;
  built: boolean;
}

export const sections: Section[] = [
  { key: 'home', path: '/', built: true },
  { key: 'teams', path: '/teams', built: true },
  { key: 'criteria', path: '/criteria', built: true },
  { key: 'evaluations', path: '/evaluations', built: false },
  { key: 'surveys', path: '/surveys', built: false },
  { key: 'arenas', path: '/arenas', built: false },
  { key: 'experiences', path: '/experiences', built: false },
  { key: 'competence', path: '/competence', built: false },
  { key: 'effect', path: '/effect', built: false },
  { key: 'change', path: '/change-processes', built: false },
];

export const adminSections: Section[] = [
  { key: 'units', path: '/units', built: true },
  { key: 'people', path: '/people', built: true },
];
