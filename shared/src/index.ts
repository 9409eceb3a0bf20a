export * from './common.ts';
export * from './organisations.ts';
export * from './units.ts';
export * from './people.ts';
