export * from './common.ts';
export * from './organisations.ts';
export * from './units.ts';
export * from './people.ts';
export * from './criteria.ts';
export * from './teams.ts';
export * from './team-lifecycle.ts';
export * from './results.ts';
