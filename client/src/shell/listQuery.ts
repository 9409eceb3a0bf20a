import type { LocationQuery } from 'vue-router';

// List filters live in the address, so back/forward, reload and shared links keep them.

export function queryText(query: LocationQuery, key: string): string {
  const value = query[key];
  return typeof value === 'string' ? value : '';
}

export function queryBoolean(query: LocationQuery, key: string): boolean | undefined {
  const value = queryText(query, key);
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

export function queryChoice<T extends string>(query: LocationQuery, key: string, allowed: readonly T[]): T | undefined {
  const value = queryText(query, key);
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** A query without empty values, for router.replace. */
export function cleanQuery(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => !!entry[1]));
}
