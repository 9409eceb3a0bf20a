import { sql } from 'kysely';

/** A uuid[] value both drivers pass the same way (PGlite does not serialise a JavaScript array). */
export const uuidArray = (ids: readonly string[]) => sql<string[]>`cast(${`{${ids.join(',')}}`} as uuid[])`;

/**
 * A text[] value both drivers pass the same way. Each element is quoted, so a comma, a brace
 * or a quote in it stays inside that element.
 */
export const textArray = (values: readonly string[]) =>
  sql<string[]>`cast(${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`} as text[])`;
